"""The Django admin carries Headway's name, the organisation's, and a way back to the service."""

from django.urls import reverse


def test_admin_shows_the_organisation_and_links_back(client, admin_user, settings):
    settings.HEADWAY_ORGANISATION_NAME = "Example Borough Council"
    client.force_login(admin_user)
    response = client.get(reverse("admin:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Headway administration \N{EN DASH} Example Borough Council" in html
    assert f'href="{reverse("home")}">Back to Headway' in html
    assert "css/admin.css" in html
