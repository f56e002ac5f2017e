"""Access logging, export, erasure and retention: one function each, in one transaction."""

import io
import json
import zipfile
from pathlib import PurePosixPath

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone, translation

from privacy.models import AccessLogEntry, ErasedRecord, PrivacyRequest, RetentionRule, RetentionRun
from privacy.registry import registry
from privacy.signals import personal_data_erased

Action = AccessLogEntry.Action


# --- access log -----------------------------------------------------------------------------


def client_address(request):
    from core.ratelimit import client_ip  # the one rule for proxies' X-Forwarded-For

    address = client_ip(request)
    return address or None


def log_access(request, action, obj=None, *, model=None, rows=1, label=None, path=None):
    """One entry for one look at personal data. `obj` may be a row of any model (a document)."""
    user = getattr(request, "user", None)
    staff = user if user is not None and user.is_authenticated else None
    model = model or (type(obj) if obj is not None else None)
    if label is None and obj is not None:
        entry = registry.get(type(obj))
        label = entry.describe(obj) if entry else f"{obj._meta.verbose_name} #{obj.pk}"
    request.access_logged = True  # the admin's own logging of the page then adds nothing
    return AccessLogEntry.objects.create(
        user=staff,
        username=staff.get_username() if staff else "",
        action=action,
        content_type=ContentType.objects.get_for_model(model) if model else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_label=(label or "")[:200],
        rows=rows,
        path=(request.path if path is None else path)[:500],
        ip_address=client_address(request),
    )


# --- what is held about a person --------------------------------------------------------------


def rows_of(subject):
    """The subject and every registered row that points at it, depth first: (entry, row) pairs."""
    found = []

    def walk(obj):
        entry = registry.get(type(obj))
        found.append((entry, obj))
        for relation in registry.reverse_relations(type(obj)):
            related = relation.related_model._default_manager.filter(**{relation.field.name: obj}).order_by("pk")
            for row in related:
                walk(row)
        content_type = ContentType.objects.get_for_model(obj)
        for model, generic in registry.generic_relations():
            related = model._default_manager.filter(
                **{generic.ct_field: content_type, generic.fk_field: str(obj.pk)}
            ).order_by("pk")
            for row in related:
                walk(row)

    walk(subject)
    return found


def history_model(model):
    """simple-history's table for `model`, if it keeps one: the same personal values, older."""
    attribute = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, attribute).model if attribute else None


def _value(obj, field):
    value = getattr(obj, field.attname)
    if field.choices and value not in (None, ""):
        return {"value": value, "label": str(getattr(obj, f"get_{field.name}_display")())}
    if field.is_relation:
        target = getattr(obj, field.name)
        return None if target is None else {"id": value, "label": str(target)}
    if hasattr(value, "name"):  # a file: its stored name, the file itself travels in the archive
        return value.name or ""
    return value


def _record(entry, obj):
    fields = {}
    for model_field in obj._meta.concrete_fields:
        if model_field.name == "search_vector":
            continue  # derived from the fields above; nothing of its own
        fields[model_field.name] = {"label": str(model_field.verbose_name), "value": _value(obj, model_field)}
    return {"kind": obj._meta.label, "kind_label": str(obj._meta.verbose_name), "id": obj.pk, "fields": fields}


def export(subject, language="en"):
    """Everything held about the person behind `subject`: a ZIP with data.json and their files."""
    with translation.override(language):
        rows = rows_of(subject)
        records, history, files = [], [], []
        for entry, obj in rows:
            records.append(_record(entry, obj))
            historical = history_model(type(obj))
            if historical is not None:
                for old in historical.objects.filter(id=obj.pk).order_by("history_date"):
                    history.append(
                        {
                            "kind": obj._meta.label,
                            "id": obj.pk,
                            "at": old.history_date,
                            "values": {f.name: _value(old, f) for f in entry.personal_fields()},
                        }
                    )
            for file_field in entry.file_fields():
                fieldfile = getattr(obj, file_field.name)
                if fieldfile:
                    files.append(
                        (f"files/{obj._meta.model_name}-{obj.pk}{PurePosixPath(fieldfile.name).suffix}", fieldfile)
                    )
        data = {
            "exported_at": timezone.now(),
            "about": registry.get(type(subject)).describe(subject),
            "records": records,
            "history": history,
            "files": [name for name, _f in files],
        }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        for name, fieldfile in files:
            try:
                with fieldfile.storage.open(fieldfile.name, "rb") as handle:
                    archive.writestr(name, handle.read())
            except FileNotFoundError:
                continue
    return buffer.getvalue()


def self_export(request, subject):
    """The person downloads their own data from their private link; logged like a staff export."""
    content = export(subject, language=translation.get_language() or "en")
    log_access(request, Action.SELF_EXPORT, subject, path="")
    return content


# --- erasure ------------------------------------------------------------------------------------


def _erase_row(entry, obj, delete=False):
    """Erase one row: files deleted, personal values replaced (or the row deleted), its history the same way."""
    for file_field in entry.file_fields():
        fieldfile = getattr(obj, file_field.name)
        if fieldfile:
            fieldfile.storage.delete(fieldfile.name)
    historical = history_model(entry.model)
    if delete or entry.delete_rows:
        entry.model._default_manager.filter(pk=obj.pk).delete()
        _scrub_admin_log(entry, obj)
        if historical is not None:
            historical.objects.filter(id=obj.pk).delete()
        return
    _scrub_admin_log(entry, obj)
    values = {field.attname: entry.erased_value(field, obj) for field in entry.personal_fields()}
    # update(), not save(): no new history row with the old values, no signal re-deriving them.
    entry.model._default_manager.filter(pk=obj.pk).update(**values)
    if historical is not None:
        historical.objects.filter(id=obj.pk).update(
            **{name: value for name, value in values.items() if name in {f.attname for f in historical._meta.fields}}
        )


def _scrub_admin_log(entry, obj):
    """The admin's own change log names rows by str(obj), which may be a name: use the plain label."""
    from django.contrib.admin.models import LogEntry

    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(entry.model), object_id=str(obj.pk)).update(
        object_repr=entry.describe(obj)[:200]
    )


def erase(subject, cause):
    """Delete the files and personal fields of `subject` and every row that points at it.

    What stays is anonymous: statuses, dates, departments, programmes, the mobility
    record without a name, so every figure counts the same afterwards.
    """
    with transaction.atomic():
        rows = rows_of(subject)
        touched = {}
        # Children first: a document row goes before the application it belongs to.
        for entry, obj in reversed(rows):
            _erase_row(entry, obj)
            touched.setdefault(entry.model, []).append(obj.pk)
        # Every row left behind is marked, so no later retention kind counts it again.
        for entry, obj in rows:
            if not entry.delete_rows:
                ErasedRecord.objects.get_or_create(
                    content_type=ContentType.objects.get_for_model(obj),
                    object_id=str(obj.pk),
                    defaults={"cause": cause},
                )
        # Caches and search vectors hear of it now, not at their next expiry.
        for model, pks in touched.items():
            transaction.on_commit(lambda model=model, pks=pks: personal_data_erased.send(sender=model, pks=pks))
    return sum(len(pks) for pks in touched.values())


def erased_ids(model):
    """The primary keys of `model`'s erased records, as a subquery."""
    return (
        ErasedRecord.objects.filter(content_type=ContentType.objects.get_for_model(model))
        .annotate(key=Cast("object_id", models.BigIntegerField()))
        .values("key")
    )


def is_erased(obj):
    return ErasedRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).exists()


# --- people's requests ---------------------------------------------------------------------------


def ask_for_erasure(subject):
    """Record the request once; asking again while it is pending changes nothing."""
    entry = registry.get(type(subject))
    content_type = ContentType.objects.get_for_model(subject)
    with transaction.atomic():
        request, _created = PrivacyRequest.objects.get_or_create(
            content_type=content_type,
            object_id=str(subject.pk),
            status=PrivacyRequest.Status.PENDING,
            defaults={"subject_label": entry.describe(subject)},
        )
    return request


def carry_out(privacy_request, by, http_request=None):
    """Staff's one action: erase the record and close the request."""
    with transaction.atomic():
        locked = PrivacyRequest.objects.select_for_update().get(pk=privacy_request.pk)
        if locked.status != PrivacyRequest.Status.PENDING:
            return False
        subject = locked.subject
        erase(subject, ErasedRecord.Cause.REQUEST)
        locked.status = PrivacyRequest.Status.DONE
        locked.handled_at = timezone.now()
        locked.handled_by = by
        locked.save(update_fields=["status", "handled_at", "handled_by"])
        if http_request is not None:
            log_access(http_request, Action.ERASURE, subject, label=locked.subject_label)
    return True


# --- retention -----------------------------------------------------------------------------------


def sync_retention_rules():
    """One editable period per kind of data the apps declare; staff's values are never overwritten."""
    existing = set(RetentionRule.objects.values_list("kind", flat=True))
    RetentionRule.objects.bulk_create(
        RetentionRule(kind=kind.code, months=kind.default_months)
        for kind in registry.retention_kinds()
        if kind.code not in existing
    )


def retention_periods():
    """[(kind, months)] in the order the privacy page states them: one query, no writes."""
    months = dict(RetentionRule.objects.values_list("kind", "months"))
    return [(kind, months.get(kind.code, kind.default_months)) for kind in registry.retention_kinds()]


def months_before(moment, months):
    """The same day and time `months` calendar months earlier (the month's last day if shorter)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month, day=min(moment.day, 28))


def apply_retention(trigger=RetentionRun.Trigger.COMMAND, now=None):
    """Remove what has been kept long enough. Running it twice removes nothing the second time."""
    now = now or timezone.now()
    sync_retention_rules()
    run = RetentionRun.objects.create(started_at=now, trigger=trigger)
    removed = {}
    for kind, months in retention_periods():
        if kind.apply is None:
            continue
        with transaction.atomic():
            count = kind.apply(months_before(now, months))
        removed[kind.code] = count
    run.removed = removed
    run.total = sum(removed.values())
    run.finished_at = timezone.now()
    run.save(update_fields=["removed", "total", "finished_at"])
    return run


ERASE_BATCH = 500


def erase_each(queryset, cause=ErasedRecord.Cause.RETENTION):
    """Anonymise every not-yet-erased row of `queryset`; the count of records anonymised.

    Rows that no registered row points at are erased a batch at a time, in a few
    queries; the others one by one with erase(), which follows what points at them.
    Row by row, the demo's ten thousand old mobility records took minutes at ×100.
    """
    pending = list(queryset.exclude(pk__in=erased_ids(queryset.model)).order_by("pk"))
    entry = registry.get(queryset.model)
    for start in range(0, len(pending), ERASE_BATCH):
        batch = pending[start : start + ERASE_BATCH]
        linked = _pointed_at(entry.model, batch)
        _erase_unlinked(entry, [obj for obj in batch if str(obj.pk) not in linked], cause)
        for obj in batch:
            if str(obj.pk) in linked:
                erase(obj, cause)
    return len(pending)


def _pointed_at(model, objs):
    """The keys (as strings) of the `objs` that some registered row points at: rows_of() would walk on."""
    keys = [str(obj.pk) for obj in objs]
    found = set()
    for relation in registry.reverse_relations(model):
        related = relation.related_model._default_manager.filter(**{f"{relation.field.name}__in": [o.pk for o in objs]})
        found.update(str(key) for key in related.values_list(relation.field.attname, flat=True))
    content_type = ContentType.objects.get_for_model(model)
    for other, generic in registry.generic_relations():
        related = other._default_manager.filter(**{generic.ct_field: content_type, f"{generic.fk_field}__in": keys})
        found.update(str(key) for key in related.values_list(generic.fk_field, flat=True))
    return found


def _erase_unlinked(entry, objs, cause):
    """What erase() does to rows nothing points at, in bulk: the same values, marks and signal."""
    if not objs:
        return
    if entry.delete_rows or entry.file_fields() or history_model(entry.model) is not None:
        for obj in objs:  # files and history rows: erase() knows them
            erase(obj, cause)
        return
    fields = entry.personal_fields()
    for obj in objs:
        for field in fields:
            setattr(obj, field.attname, entry.erased_value(field, obj))
    content_type = ContentType.objects.get_for_model(entry.model)
    with transaction.atomic():
        from django.contrib.admin.models import LogEntry

        logged = set(
            LogEntry.objects.filter(content_type=content_type, object_id__in=[str(obj.pk) for obj in objs]).values_list(
                "object_id", flat=True
            )
        )
        for obj in objs:
            if str(obj.pk) in logged:
                _scrub_admin_log(entry, obj)
        if fields:
            entry.model._default_manager.bulk_update(objs, [field.name for field in fields], batch_size=ERASE_BATCH)
        ErasedRecord.objects.bulk_create(
            ErasedRecord(content_type=content_type, object_id=str(obj.pk), cause=cause) for obj in objs
        )
        pks = [obj.pk for obj in objs]
        transaction.on_commit(lambda: personal_data_erased.send(sender=entry.model, pks=pks))


def delete_each(queryset):
    """Delete every row of `queryset` with its files and history; the count of rows deleted."""
    entry = registry.get(queryset.model)
    count = 0
    for obj in queryset.order_by("pk"):
        _erase_row(entry, obj, delete=True)
        count += 1
    if count:
        transaction.on_commit(lambda: personal_data_erased.send(sender=queryset.model, pks=[]))
    return count


def delete_files(queryset, field_name):
    """Delete one file field's files, keeping the rows (a host's decision without its letter)."""
    count = 0
    historical = history_model(queryset.model)
    for obj in queryset.exclude(**{field_name: ""}).order_by("pk"):
        fieldfile = getattr(obj, field_name)
        fieldfile.storage.delete(fieldfile.name)
        queryset.model._default_manager.filter(pk=obj.pk).update(**{field_name: ""})
        if historical is not None:
            historical.objects.filter(id=obj.pk).update(**{field_name: ""})
        count += 1
    return count


def expire_access_log(cutoff):
    deleted, _by_model = AccessLogEntry.objects.older_than(cutoff).delete()
    return deleted


def expire_handled_requests(cutoff):
    deleted, _by_model = PrivacyRequest.objects.filter(
        status=PrivacyRequest.Status.DONE, handled_at__lt=cutoff
    ).delete()
    return deleted
