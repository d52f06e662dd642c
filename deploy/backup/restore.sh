#!/usr/bin/env bash
# Restores service schemas from a backup made by backup.sh: each schema is replaced as a whole, in one transaction
# (dropped and recreated from the dump), so a failed restore leaves the schema as it was.
#
#   restore.sh BACKUP_DIR [schema ...]      default: every schema in the backup
#
# Connection as for backup.sh (a role that may drop and create the schemas: the database owner or a superuser). The
# service roles must exist (they are global; deploy/postgres/initdb creates them). Stop the services whose schemas you
# restore first, and start them afterwards: see docs/operations.md.
set -euo pipefail

fail() { echo "restore: $*" >&2; exit 1; }

[ $# -ge 1 ] || fail "usage: restore.sh BACKUP_DIR [schema ...]"
backup="$1"; shift
[ -f "$backup/MANIFEST" ] || fail "$backup is not a complete backup (no MANIFEST)"
command -v pg_restore > /dev/null || fail "pg_restore is not installed (Debian: postgresql-client)"

SCHEMAS=("$@")
if [ ${#SCHEMAS[@]} -eq 0 ]; then
  mapfile -t SCHEMAS < <(awk '$1 == "schema" {print $2}' "$backup/MANIFEST")
fi

# Check every requested dump before touching the database.
for schema in "${SCHEMAS[@]}"; do
  expected="$(awk -v s="$schema" '$1 == "schema" && $2 == s {print $3}' "$backup/MANIFEST")"
  [ -n "$expected" ] || fail "the backup holds no schema $schema"
  actual="$(sha256sum "$backup/$schema.dump" | cut -d' ' -f1)"
  [ "$actual" = "$expected" ] || fail "$backup/$schema.dump is damaged (SHA-256 differs from the manifest)"
done

script="$(mktemp)"
trap 'rm -f "$script"' EXIT
for schema in "${SCHEMAS[@]}"; do
  # The whole script first, so that a dump that cannot be read never reaches the database half-way.
  printf 'DROP SCHEMA IF EXISTS "%s" CASCADE;\n' "$schema" > "$script"
  pg_restore --file=- "$backup/$schema.dump" >> "$script" || fail "cannot read $backup/$schema.dump; nothing restored for $schema"
  psql -X -q -v ON_ERROR_STOP=1 --single-transaction -f "$script" > /dev/null \
    || fail "restoring $schema failed; it is unchanged"
  echo "restore: $schema restored from $backup"
done
