from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "headway.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        from . import changes
        from .middleware import session_signed_in

        user_logged_in.connect(session_signed_in, dispatch_uid="headway.core.session_signed_in")
        # Every write to the records moves the content stamp that cached pages are keyed by;
        # not while migrating (the change log may not exist yet), and once after.
        connection_created.connect(changes.install, dispatch_uid="headway.core.changes")
        pre_migrate.connect(changes.pause, dispatch_uid="headway.core.changes.pause")
        post_migrate.connect(changes.resume, dispatch_uid="headway.core.changes.resume")
