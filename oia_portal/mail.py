"""E-mail to the public, written in the language the person used on the site."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path):
    """An absolute link for e-mails (status and cancel links), built on SITE_URL."""
    return f"{settings.SITE_URL}{path}"


def send_templated_mail(template_prefix, context, to, language, attachments=()):
    """Render `<prefix>_subject.txt`, `<prefix>.txt` (and `<prefix>.html` if present) in `language`.

    URLs reversed inside the templates come out in that language too. `attachments` holds
    (filename, content, mimetype) triples.
    """
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        body = render_to_string(f"{template_prefix}.txt", context)
        try:
            html = render_to_string(f"{template_prefix}.html", context)
        except TemplateDoesNotExist:  # the HTML part is optional
            html = None
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, to if isinstance(to, list) else [to])
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
    return message
