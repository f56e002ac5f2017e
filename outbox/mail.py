"""E-mail to the public, written in the language the person used on the site.

Nothing here talks to a mail server: each message goes into the outbox (in the
caller's transaction) and a worker delivers it, retrying while the server is away.
"""

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from outbox.services import queue_message, queue_messages


def absolute_url(path):
    """An absolute link for e-mails (status and cancel links), built on SITE_URL."""
    return f"{settings.SITE_URL}{path}"


def render_templated_mail(template_prefix, context, language):
    """Subject, text and HTML (or "") from `<prefix>_subject.txt`, `<prefix>.txt`, `<prefix>.html`.

    Rendered in `language`, so URLs reversed inside the templates come out in that language too.
    """
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context, using="text").split())
        body = render_to_string(f"{template_prefix}.txt", context, using="text")
        try:
            html = render_to_string(f"{template_prefix}.html", context)
        except TemplateDoesNotExist:  # the HTML part is optional
            html = ""
    return {"subject": subject, "body": body, "html_body": html}


def send_templated_mail(template_prefix, context, to, language, about=None, attachments=()):
    """Render a message in `language` and put it in the outbox for `to` (an address or a list).

    `about` is the record the message concerns (shown in the outbox admin); `attachments` are
    (filename, content, mimetype) triples, stored privately with the message.
    Returns the outbox Message (a list of them when `to` is a list).
    """
    rendered = render_templated_mail(template_prefix, context, language)
    messages = [
        queue_message(
            recipient=recipient,
            language=language,
            topic=template_prefix,
            about=about,
            attachments=attachments,
            **rendered,
        )
        for recipient in (to if isinstance(to, list) else [to])
    ]
    return messages if isinstance(to, list) else messages[0]


def send_templated_mails(mails):
    """Many e-mails at once, each (template_prefix, context, to, language, about): rendered, then
    put in the outbox with one insert (a confirmed placement tells hundreds of applicants)."""
    return queue_messages(
        {
            "recipient": to,
            "language": language,
            "topic": template_prefix,
            "about": about,
            **render_templated_mail(template_prefix, context, language),
        }
        for template_prefix, context, to, language, about in mails
    )
