#!/usr/bin/env bash
# Back up the portal (database + uploaded files), restore into a fresh database,
# and check every model has the same number of rows. Usage:
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/oia MEDIA_ROOT=media PRIVATE_MEDIA_ROOT=private_media \
#     bash bench/backup_restore.sh [backup-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the database to back up}"
MEDIA_ROOT=${MEDIA_ROOT:-media}
PRIVATE_MEDIA_ROOT=${PRIVATE_MEDIA_ROOT:-private_media}
PY=${PY:-.venv/bin/python}
out=${1:-bench/results/raw/backup-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
restored_db="oia_restore_check_$$"
restored_url="${DATABASE_URL%/*}/$restored_db"

echo "== backup to $out"
pg_dump --format=custom --no-owner --file "$out/portal.dump" "$DATABASE_URL"
tar -czf "$out/media.tar.gz" --ignore-failed-read "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT" 2>/dev/null || tar -czf "$out/media.tar.gz" --files-from /dev/null
DATABASE_URL="$DATABASE_URL" DJANGO_SETTINGS_MODULE=oia_portal.settings DJANGO_DEBUG=1 "$PY" -m bench.counts > "$out/counts-before.json"

echo "== restore into a fresh database ($restored_db) and a fresh media folder"
createdb -h 127.0.0.1 -U postgres "$restored_db"
trap 'dropdb -h 127.0.0.1 -U postgres --if-exists "$restored_db"; rm -rf "$out/restored-media"' EXIT
pg_restore --no-owner --exit-on-error --dbname "$restored_url" "$out/portal.dump"
mkdir -p "$out/restored-media" && tar -xzf "$out/media.tar.gz" -C "$out/restored-media"
DATABASE_URL="$restored_url" DJANGO_SETTINGS_MODULE=oia_portal.settings DJANGO_DEBUG=1 "$PY" -m bench.counts > "$out/counts-after.json"

before_files=$( (find "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT" -type f 2>/dev/null || true) | wc -l)
after_files=$(find "$out/restored-media" -type f | wc -l)
if diff -u "$out/counts-before.json" "$out/counts-after.json" && [ "$before_files" -eq "$after_files" ]; then
  echo "RESTORE OK: $(grep -c : "$out/counts-after.json") models with identical row counts, $after_files files"
else
  echo "RESTORE MISMATCH (files before $before_files, after $after_files)"; exit 1
fi
