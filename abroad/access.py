"""Least privilege for department staff: they see only their own department's students."""

from core.roles import ROLE_PERMISSIONS


def department_scope(user):
    """None when the user sees every department, else the codes of the departments linked to them.

    Superusers and the office's groups that hold the whole app (the exchange coordinators) see
    everything; anyone else (a Department approvers member) sees only their own departments.
    """
    if user.is_superuser:
        return None
    cached = getattr(user, "_abroad_scope", False)
    if cached is not False:
        return cached
    names = user.groups.values_list("name", flat=True)
    if any("abroad" in ROLE_PERMISSIONS.get(name, {}) for name in names):
        scope = None
    else:
        scope = list(user.department_roles.values_list("department", flat=True))
    user._abroad_scope = scope
    return scope


def scoped(queryset, user, path):
    """`queryset` limited to the user's departments; `path` leads from its model to the department code."""
    codes = department_scope(user)
    return queryset if codes is None else queryset.filter(**{f"{path}__in": codes})
