"""People: finding them and inviting them.

A minimal version written by the spreadsheet import's helper branch against the contract the
``setup`` branch provides (``person_invite``, ``person_find``); the setup branch's fuller module
(the invitation e-mail, its page) replaces it when the two are merged.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat, Lower
from django.http import HttpRequest
from django.utils.text import slugify

from .models import User


def person_find(text: str) -> list[User]:
    """Active people whose username, e-mail address or full name is ``text`` (any case)."""
    wanted = " ".join(text.lower().split())
    if not wanted:
        return []
    people = get_user_model().objects.annotate(
        username_lower=Lower("username"),
        email_lower=Lower("email"),
        full_lower=Lower(Concat("first_name", Value(" "), "last_name")),
    )
    return list(
        people.filter(is_active=True).filter(
            Q(username_lower=wanted) | Q(email_lower=wanted) | Q(full_lower=wanted)
        )
    )


@transaction.atomic
def person_invite(
    *, email: str, full_name: str, invited_by: User, request: HttpRequest | None = None
) -> User:
    """An account for a person not yet on Headway, who sets their password from the invitation.

    Raises ValidationError for an e-mail address that is not one, or that someone already has.
    """
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(f"{email!r} is not an e-mail address.") from None
    model = get_user_model()
    if model.objects.filter(email__iexact=email).exists():
        raise ValidationError(f"Someone already has the e-mail address {email}.")
    first, _, last = " ".join(full_name.split()).partition(" ")
    base = slugify(email.split("@")[0]) or "person"
    username, n = base, 1
    while model.objects.filter(username__iexact=username).exists():
        n += 1
        username = f"{base}-{n}"
    user = model(username=username, email=email, first_name=first[:150], last_name=last[:150])
    user.set_unusable_password()
    user.full_clean()
    user.save()
    return user
