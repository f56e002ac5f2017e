"""The test suite's mail backend: Django's in-memory outbox, reachable only through the portal's outbox.

Any code a test runs that sends an e-mail some other way (a direct `send_mail`, an
`EmailMessage.send()`) fails that test; tests/outbox/test_no_send_around_the_outbox.py
checks the same statically over the whole code.
"""

import sys
from pathlib import Path

from django.core.mail.backends.locmem import EmailBackend

DELIVERY = str(Path(__file__).resolve().parents[1] / "outbox" / "services.py")


class OutboxOnlyBackend(EmailBackend):
    def send_messages(self, messages):
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename != DELIVERY:
            frame = frame.f_back
        if frame is None:
            raise AssertionError("An e-mail was sent around the outbox (use outbox.mail.send_templated_mail).")
        return super().send_messages(messages)
