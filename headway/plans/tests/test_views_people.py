"""A plan's people: adding someone (inviting them if they have no account), changing and taking
away a role."""

import re

from django.core import mail
from django.urls import reverse

from headway.accounts.models import User
from headway.plans.choices import PlanRole
from headway.plans.models import PlanMembership
from headway.testing.factories import ActionFactory, UserFactory


def _url(name: str, plan, **kwargs) -> str:
    return reverse(f"plans:{name}", kwargs={"slug": plan.slug, **kwargs})


def test_the_lead_adds_someone_with_an_account_by_name(client, plan, lead):
    person = UserFactory(
        username="hos", email="hos@example.gov.uk", first_name="Head", last_name="of Service"
    )
    client.force_login(lead)
    response = client.post(_url("person_add", plan), {"text": "head of"})
    assert response["Location"] == _url("person_choose", plan)
    page = client.get(_url("person_choose", plan)).content.decode()
    assert "Head of Service (hos@example.gov.uk)" in page
    client.post(_url("person_choose", plan), {"person": str(person.pk)})
    client.post(_url("person_role", plan), {"role": PlanRole.OWNER})
    check = client.get(_url("person_check", plan)).content.decode()
    assert "Head of Service" in check and "Action owner" in check
    assert not PlanMembership.objects.filter(user=person).exists()

    response = client.post(_url("person_check", plan))
    assert response["Location"] == _url("people", plan)
    assert PlanMembership.objects.get(user=person, plan=plan).role == PlanRole.OWNER
    assert not mail.outbox


def test_a_reader_invited_by_email_gets_a_link_and_sees_the_plan_at_once(
    client, plan, admin_user, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    response = client.post(_url("person_add", plan), {"text": "member@example.gov.uk"})
    assert response["Location"] == _url("person_invite", plan)
    assert (
        'value="member@example.gov.uk"' in client.get(_url("person_invite", plan)).content.decode()
    )
    client.post(
        _url("person_invite", plan),
        {"full_name": "Committee Member", "email": "member@example.gov.uk"},
    )
    client.post(_url("person_role", plan), {"role": PlanRole.READER})
    check = client.get(_url("person_check", plan)).content.decode()
    assert "a link to set their password" in check
    assert not User.objects.filter(email="member@example.gov.uk").exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("person_check", plan))
    member = User.objects.get(email="member@example.gov.uk")
    assert not member.has_usable_password()
    assert PlanMembership.objects.get(user=member).role == PlanRole.READER
    (message,) = mail.outbox
    link = re.search(r"http://testserver(/accounts/password/set/\S+/)", message.body).group(1)
    assert client.get(link, follow=True).status_code == 200

    client.force_login(member)
    assert client.get(plan.get_absolute_url()).status_code == 200


def test_nobody_found_and_no_email_address_asks_for_one(client, plan, lead):
    client.force_login(lead)
    response = client.post(_url("person_add", plan), {"text": "nobody by this name"})
    assert response.status_code == 200
    assert "To invite someone new, enter their e-mail address" in response.content.decode()


def test_someone_who_already_has_a_role_is_not_added_twice(client, plan, lead, reader):
    client.force_login(lead)
    client.post(_url("person_add", plan), {"text": reader.username})
    client.post(_url("person_choose", plan), {"person": str(reader.pk)})
    client.post(_url("person_role", plan), {"role": PlanRole.LEAD})
    response = client.post(_url("person_check", plan))
    assert response.status_code == 409
    assert "already has a role on this plan" in response.content.decode()
    assert PlanMembership.objects.get(user=reader).role == PlanRole.READER


def test_a_refused_role_leaves_no_account_and_sends_no_email(
    client, plan, lead, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError

    def refuse(**kwargs):
        raise ValidationError("Refused for the test.")

    monkeypatch.setattr("headway.plans.views_people.membership_add", refuse)
    client.force_login(lead)
    client.post(_url("person_add", plan), {"text": "new@example.gov.uk"})
    client.post(_url("person_invite", plan), {"full_name": "New", "email": "new@example.gov.uk"})
    client.post(_url("person_role", plan), {"role": PlanRole.READER})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(_url("person_check", plan)).status_code == 409
    assert not User.objects.filter(email="new@example.gov.uk").exists()
    assert not mail.outbox


def test_the_lead_changes_a_role_and_takes_one_away(client, plan, lead, reader):
    membership = PlanMembership.objects.get(user=reader)
    client.force_login(lead)
    client.post(_url("membership_role", plan, pk=membership.pk), {"role": PlanRole.OWNER})
    membership.refresh_from_db()
    assert membership.role == PlanRole.OWNER

    assert (
        "Remove" in client.get(_url("membership_remove", plan, pk=membership.pk)).content.decode()
    )
    client.post(_url("membership_remove", plan, pk=membership.pk))
    assert not PlanMembership.objects.filter(pk=membership.pk).exists()
    client.force_login(reader)
    assert client.get(plan.get_absolute_url()).status_code == 404


def test_someone_who_owns_actions_keeps_their_role_until_they_are_reassigned(
    client, plan, lead, owner
):
    ActionFactory(area__plan=plan, owner=owner, reference="2.4")
    membership = PlanMembership.objects.get(user=owner)
    client.force_login(lead)
    response = client.post(_url("membership_remove", plan, pk=membership.pk))
    assert response.status_code == 409
    assert "owns action 2.4 of this plan" in response.content.decode()
    assert PlanMembership.objects.filter(pk=membership.pk).exists()


def test_a_lead_does_not_change_their_own_role(client, plan, lead):
    membership = PlanMembership.objects.get(user=lead)
    client.force_login(lead)
    response = client.post(
        _url("membership_role", plan, pk=membership.pk), {"role": PlanRole.READER}
    )
    assert response.status_code == 409
    membership.refresh_from_db()
    assert membership.role == PlanRole.LEAD
