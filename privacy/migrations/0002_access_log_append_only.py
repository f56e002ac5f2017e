"""The access log is append-only in the database itself, not only in the admin.

A trigger refuses any UPDATE that changes what an entry says. Setting the user
or the kind of record to NULL stays possible: that is what deleting a staff
account or a content type does (on_delete=SET_NULL), and the entry keeps the
user name. Deleting rows stays possible for the retention job.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION privacy_access_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The access log cannot be changed (entry %)', OLD.id USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER privacy_access_log_append_only
BEFORE UPDATE ON privacy_accesslogentry
FOR EACH ROW
WHEN (
    (OLD.at, OLD.username, OLD.action, OLD.object_id, OLD.object_label, OLD.rows, OLD.path, OLD.ip_address)
    IS DISTINCT FROM
    (NEW.at, NEW.username, NEW.action, NEW.object_id, NEW.object_label, NEW.rows, NEW.path, NEW.ip_address)
    OR (NEW.user_id IS NOT NULL AND NEW.user_id IS DISTINCT FROM OLD.user_id)
    OR (NEW.content_type_id IS NOT NULL AND NEW.content_type_id IS DISTINCT FROM OLD.content_type_id)
)
EXECUTE FUNCTION privacy_access_log_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS privacy_access_log_append_only ON privacy_accesslogentry;
DROP FUNCTION IF EXISTS privacy_access_log_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_access_log_retention_requests")]

    operations = [migrations.RunSQL(CREATE, DROP)]
