"""Staff roles: one Django group per job, least privilege (DESIGN.md)."""

from django.utils.translation import gettext_lazy as _

PARTNERSHIPS = "Partnerships"
EXCHANGE_COORDINATORS = "Exchange coordinators"
COMMUNICATIONS = "Communications"
DATA_PROTECTION = "Data protection"
DEPARTMENT_APPROVERS = "Department approvers"

ALL_ACTIONS = ("view", "add", "change", "delete")

# group -> {"app_label" or "app_label.model": actions}. A model's own entry
# wins over its app's. Seeing partner universities lets the other groups pick
# one in autocomplete fields; coordinators also see agreements, which their
# programmes rest on. Nobody else reads contacts, documents or history.
ROLE_PERMISSIONS = {
    PARTNERSHIPS: {"partners": ALL_ACTIONS},
    EXCHANGE_COORDINATORS: {
        "exchanges": ALL_ACTIONS,
        "incoming": ALL_ACTIONS,
        "partners.partneruniversity": ("view",),
        "partners.agreement": ("view",),
        "partners.cooperationcondition": ("view",),
        "outbox.batch": ("view",),
        # "see": the emergency contacts of students abroad (duty of care).
        "abroad": (*ALL_ACTIONS, "see"),
        # The office keeps the list of departments that applicants pick from.
        "core.department": ALL_ACTIONS,
    },
    # Both groups follow their bulk sends' progress; the messages themselves (with
    # private links) stay with the superusers who run the outbox.
    COMMUNICATIONS: {
        "events": ALL_ACTIONS,
        "scholars": ALL_ACTIONS,
        "partners.partneruniversity": ("view",),
        "outbox.batch": ("view",),
    },
    # People's erasure requests and the retention periods; the access log stays with superusers.
    DATA_PROTECTION: {
        "privacy.privacyrequest": ("view", "change"),
        "privacy.retentionrule": ("view", "change"),
        "privacy.retentionrun": ("view",),
    },
    # Department staff: their own department's students only (abroad.access narrows every list);
    # they decide learning agreements and recognise credits, and see who is abroad without the
    # emergency contacts.
    DEPARTMENT_APPROVERS: {
        "abroad.learningagreement": ("view",),
        "abroad.learningagreementversion": ("view", "change"),
        "abroad.recognition": ("view", "change"),
        "abroad.abroadmessage": ("view",),
    },
}

ROLE_APPS = {key.split(".")[0] for grants in ROLE_PERMISSIONS.values() for key in grants}


def actions_for(group_name, app_label, model_name):
    """The actions a group may take on one model."""
    grants = ROLE_PERMISSIONS[group_name]
    return grants.get(f"{app_label}.{model_name}", grants.get(app_label, ()))

ROLE_DESCRIPTIONS = {
    PARTNERSHIPS: _("Partner universities and agreements"),
    EXCHANGE_COORDINATORS: _("Exchange programmes, application calls and applications, incoming students"),
    COMMUNICATIONS: _("Events, registrations, news and visiting scholars"),
    DATA_PROTECTION: _("Erasure requests and retention periods"),
    DEPARTMENT_APPROVERS: _("Learning agreements and credit recognition of their own department's students"),
}


def wanted_permissions(Permission, group_name):
    """The Permission rows a group should hold, by app and action."""
    ids = [
        permission.pk
        for permission in Permission.objects.filter(content_type__app_label__in=ROLE_APPS).select_related("content_type")
        if permission.codename.split("_", 1)[0]
        in actions_for(group_name, permission.content_type.app_label, permission.content_type.model)
    ]
    return Permission.objects.filter(pk__in=ids)


def apply_roles(Group, Permission):
    for group_name in ROLE_PERMISSIONS:
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.set(wanted_permissions(Permission, group_name))


def sync_staff_groups(sender, apps=None, **kwargs):
    """post_migrate: keep the groups' permissions in step with the models."""
    # Runs for each app that a role covers: permissions of an app exist only
    # once its own post_migrate has run, so the last one leaves all in place.
    if apps is None or sender.label not in ROLE_APPS:
        return
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    apply_roles(Group, Permission)
