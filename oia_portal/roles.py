"""Staff roles: one Django group per job, least privilege (DESIGN.md)."""

from django.utils.translation import gettext_lazy as _

PARTNERSHIPS = "Partnerships"
EXCHANGE_COORDINATORS = "Exchange coordinators"
COMMUNICATIONS = "Communications"

ALL_ACTIONS = ("view", "add", "change", "delete")

# group -> {app_label: actions on every model of that app}. Viewing partners
# lets the other groups pick a partner in autocomplete fields; nothing more.
ROLE_PERMISSIONS = {
    PARTNERSHIPS: {"partners": ALL_ACTIONS},
    EXCHANGE_COORDINATORS: {"exchanges": ALL_ACTIONS, "partners": ("view",)},
    COMMUNICATIONS: {"events": ALL_ACTIONS, "scholars": ALL_ACTIONS, "partners": ("view",)},
}

ROLE_APPS = {app for grants in ROLE_PERMISSIONS.values() for app in grants}

ROLE_DESCRIPTIONS = {
    PARTNERSHIPS: _("Partner universities and agreements"),
    EXCHANGE_COORDINATORS: _("Exchange programmes, application calls and applications"),
    COMMUNICATIONS: _("Events, registrations, news and visiting scholars"),
}


def wanted_permissions(Permission, group_name):
    """The Permission rows a group should hold, by app and action."""
    wanted = Permission.objects.none()
    for app_label, actions in ROLE_PERMISSIONS[group_name].items():
        codename_prefixes = tuple(f"{action}_" for action in actions)
        perms = Permission.objects.filter(content_type__app_label=app_label)
        ids = [p.pk for p in perms if p.codename.startswith(codename_prefixes)]
        wanted = wanted | Permission.objects.filter(pk__in=ids)
    return wanted


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
