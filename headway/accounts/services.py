"""Adding people: find someone who already has an account, or invite someone who has none.

An invited person gets an active account with no usable password and an e-mail with a
one-time link to set one (Django's ``default_token_generator``): no password is ever chosen
for them, shown or mailed. The link stops working once used (the token is made from the
password hash, which setting a password changes) or after ``PASSWORD_RESET_TIMEOUT`` seconds.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import User

PERSON_FIND_LIMIT = 20


def person_find(text: str) -> list[User]:
    """Active people whose username, e-mail or full name contains ``text``, any case; exact
    matches of username or e-mail first. At most ``PERSON_FIND_LIMIT``."""
    text = " ".join(text.split())
    if not text:
        return []
    matches = (
        User.objects.filter(is_active=True)
        .annotate(full_name=Concat("first_name", Value(" "), "last_name"))
        .filter(
            Q(username__icontains=text) | Q(email__icontains=text) | Q(full_name__icontains=text)
        )
        .order_by("first_name", "last_name", "username")
    )
    people = list(matches[:PERSON_FIND_LIMIT])
    lowered = text.lower()
    people.sort(key=lambda p: p.username.lower() != lowered and p.email.lower() != lowered)
    return people


def _username_for(email: str) -> str:
    """The e-mail address itself (Django's usernames allow ``@ . + - _``), made unique."""
    base = email.lower()[:140]
    username, n = base, 1
    while User.objects.filter(username__iexact=username).exists():
        n += 1
        username = f"{base}-{n}"
    return username


def password_set_url(user: User, request: HttpRequest | None = None) -> str:
    """The one-time address at which ``user`` sets their password."""
    path = reverse(
        "password_set",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    if request is not None:
        return request.build_absolute_uri(path)
    return f"{settings.HEADWAY_BASE_URL}{path}"


def person_invite(
    *, email: str, full_name: str, invited_by: User, request: HttpRequest | None = None
) -> User:
    """Create an account for someone who has none and e-mail them a link to set a password.

    Refused (``ValidationError``, nothing written) when the address is not an e-mail address,
    the name is empty, or someone already has an account with this address. The e-mail goes
    when the transaction the account is made in commits, never before.
    """
    email = email.strip()
    full_name = " ".join(full_name.split())
    errors: dict[str, str] = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = "Enter an e-mail address in the correct format, like name@example.gov.uk"
    if not full_name:
        errors["full_name"] = "Enter the person's full name"
    elif len(full_name) > 150:
        errors["full_name"] = "The full name must be 150 characters or fewer"
    if errors:
        raise ValidationError(errors)
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": f"Someone already has an account with {email}: find them by name instead"}
        )
    with transaction.atomic():
        user = User(username=_username_for(email), email=email, first_name=full_name)
        user.set_unusable_password()
        user.full_clean()
        user.save()
        context = {
            "user": user,
            "invited_by": invited_by,
            "url": password_set_url(user, request),
            "days": max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)),
            "username": user.username,
        }
        # Sent once the account is saved for good: when the caller's larger transaction (the
        # account and the person's role on a plan) is refused and rolled back, no e-mail
        # invites anyone to an account that does not exist.
        transaction.on_commit(
            lambda: send_mail(
                subject="You have been added to Headway",
                message=render_to_string("accounts/invitation_email.txt", context),
                from_email=None,
                recipient_list=[user.email],
            ),
            robust=False,
        )
    return user
