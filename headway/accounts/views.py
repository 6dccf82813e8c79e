"""Sign-in, sign-out and password change: Django's own views with GOV.UK templates."""

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


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
