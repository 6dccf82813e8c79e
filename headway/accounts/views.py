"""Sign-in, sign-out, password change and setting a password from an invitation: Django's own
views with GOV.UK templates."""

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy


class SignInView(auth_views.LoginView):
    """Django's sign-in, never shown to someone already signed in."""

    redirect_authenticated_user = True


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer once a username and address have failed too often.

    The same page whether or not the username exists, so it tells an attacker nothing; the
    status is 429 so monitoring can tell throttling from an ordinary bad password.
    Wired up by ``AXES_LOCKOUT_CALLABLE = "headway.accounts.views.lockout_response"``.
    """
    minutes = int(float(getattr(settings, "AXES_COOLOFF_TIME", 0.25)) * 60)
    return render(request, "registration/lockout.html", {"minutes": minutes}, status=429)


class PasswordSetForm(SetPasswordForm):
    """Django's set-password form, its hint in plain words (GOV.UK hints are text)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Choose a password"
        self.fields[
            "new_password1"
        ].help_text = (
            "At least 12 characters. Not a common password, nor like your name or username."
        )
        self.fields["new_password2"].label = "Type the password again"


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """The page an invitation's one-time link opens (``services.person_invite``): the person
    chooses their password. The link works once and expires after ``PASSWORD_RESET_TIMEOUT``."""

    form_class = PasswordSetForm
    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("password_set_done")


class PasswordSetDoneView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_set_done.html"
