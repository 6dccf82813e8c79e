"""Error pages are styled like the rest of the service and never leak what a plan holds."""

from django.template.loader import render_to_string
from django.urls import reverse


def test_unknown_address_shows_the_styled_not_found_page(client, reader):
    client.force_login(reader)
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert "govuk-service-navigation" in html and "app-organisation" in html
    assert f'action="{reverse("logout")}"' in html  # the signed-in header, with sign-out


def test_a_plan_without_a_role_looks_exactly_like_a_missing_plan(client, outsider, plan):
    client.force_login(outsider)
    hidden = client.get(reverse("plans:plan", kwargs={"slug": plan.slug}))
    missing = client.get(reverse("plans:plan", kwargs={"slug": "no-such-plan"}))
    assert hidden.status_code == missing.status_code == 404
    assert plan.title not in hidden.content.decode()


def test_server_error_page_renders_without_a_request():
    # Django renders 500.html with no context at all when something has gone wrong.
    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert 'class="govuk-link app-organisation' in html
