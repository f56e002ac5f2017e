from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureRequestForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my data will be deleted and cannot be restored, and that this link will stop working."),
        error_messages={"required": _("Tick the box to confirm that you want your data erased.")},
    )
