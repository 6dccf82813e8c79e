"""E-mail backends that fail the way real mail servers do, for the reminder tests."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class RefusesBounceAddresses(EmailBackend):
    """Refuses any address at bounce.example.org, as an SMTP server refuses an unknown mailbox."""

    def send_messages(self, messages):
        for message in messages:
            refused = [a for a in message.to if a.endswith("@bounce.example.org")]
            if refused:
                raise smtplib.SMTPRecipientsRefused(
                    dict.fromkeys(refused, (550, b"5.1.1 No such mailbox"))
                )
        return super().send_messages(messages)


class ServerDown(EmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")
