"""The header's navigation: what each role is offered (the server checks again on every page)."""

from django.urls import reverse


def _nav(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html.split('id="navigation"')[1].split("</ul>")[0]


def test_reader_sees_no_approvals_and_no_admin(client, reader, plan):
    nav = _nav(client, reader, reverse("plans:plan", kwargs={"slug": plan.slug}))
    assert reverse("plans:actions", kwargs={"slug": plan.slug}) in nav
    assert "Approvals" not in nav
    assert "Admin" not in nav
    assert "Sign out" in nav


def test_lead_is_offered_the_approvals_queue(client, lead, plan):
    nav = _nav(client, lead, reverse("home"))
    assert reverse("progress:approvals", kwargs={"slug": plan.slug}) in nav


def test_administrator_is_offered_the_admin(client, admin_user, plan):
    nav = _nav(client, admin_user, reverse("home"))
    assert reverse("admin:index") in nav


def test_current_section_is_marked(client, reader, plan):
    nav = _nav(client, reader, reverse("inspections:inspections"))
    current = nav.split('aria-current="true"')[0].rsplit("<a", 1)[1]
    assert reverse("inspections:inspections") in current
