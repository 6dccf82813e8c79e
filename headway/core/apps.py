from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "headway.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .middleware import session_signed_in

        user_logged_in.connect(session_signed_in, dispatch_uid="headway.core.session_signed_in")
