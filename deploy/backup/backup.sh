#!/usr/bin/env bash
# Backs up each FedImpute service's schema with pg_dump (custom format, one file per schema) into a new directory
# named after the time, writes a manifest with each file's SHA-256, and keeps only the newest N backups.
#
#   backup.sh [schema ...]        default: every service schema
#
# Connection: the libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD or ~/.pgpass, PGDATABASE, PGSSLMODE), as a role
# that can read every service schema (the database owner or a superuser).
# FEDIMPUTE_BACKUP_ROOT   where backups go (default ./backups)
# FEDIMPUTE_BACKUP_KEEP   how many complete backups to keep (default 14); older ones are deleted after a success
#
# A backup is written to <time>.partial and renamed only when every schema is dumped and checked, so an interrupted
# run never counts as a backup and never pushes a good one out of the retention window.
set -euo pipefail

ROOT="${FEDIMPUTE_BACKUP_ROOT:-./backups}"
KEEP="${FEDIMPUTE_BACKUP_KEEP:-14}"
SCHEMAS=("$@")
[ ${#SCHEMAS[@]} -gt 0 ] || SCHEMAS=(users registry jobs files notifications monitoring node)

fail() { echo "backup: $*" >&2; exit 1; }

[[ "$KEEP" =~ ^[1-9][0-9]*$ ]] || fail "FEDIMPUTE_BACKUP_KEEP must be a positive number, not '$KEEP'"
command -v pg_dump > /dev/null || fail "pg_dump is not installed (Debian: postgresql-client)"
for schema in "${SCHEMAS[@]}"; do
  [[ "$schema" =~ ^[a-z][a-z0-9_]{0,62}$ ]] || fail "'$schema' is not a schema name"
done

mkdir -p "$ROOT"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$ROOT/$stamp"
partial="$target.partial"
[ ! -e "$target" ] || fail "$target exists already"
trap 'rm -rf "$partial"' EXIT
mkdir "$partial"

server_version="$(psql -X -A -t -c 'SHOW server_version' 2>/dev/null)" || fail "cannot connect to PostgreSQL (check PGHOST, PGUSER, ...)"
{
  echo "created=$stamp"
  echo "database=${PGDATABASE:-$(id -un)}"
  echo "server_version=$server_version"
  echo "pg_dump=$(pg_dump --version)"
} > "$partial/MANIFEST"

for schema in "${SCHEMAS[@]}"; do
  exists="$(psql -X -A -t -v schema="$schema" <<< "SELECT count(*) FROM pg_namespace WHERE nspname = :'schema'")"
  [ "$exists" = 1 ] || fail "schema $schema does not exist in the database"
  pg_dump --format=custom --compress=6 --schema="$schema" --file="$partial/$schema.dump"
  # A dump that pg_restore cannot list is no backup.
  pg_restore --list "$partial/$schema.dump" > /dev/null || fail "the dump of $schema is unreadable"
  echo "schema $schema $(sha256sum "$partial/$schema.dump" | cut -d' ' -f1)" >> "$partial/MANIFEST"
  echo "backup: $schema dumped ($(du -h "$partial/$schema.dump" | cut -f1))"
done

mv "$partial" "$target"
trap - EXIT
echo "backup: complete in $target"

# Retention: complete backups only (names are UTC times, so they sort by age).
mapfile -t complete < <(find "$ROOT" -mindepth 1 -maxdepth 1 -type d -name '[0-9]*T[0-9]*Z' -printf '%f\n' | sort)
excess=$(( ${#complete[@]} - KEEP ))
for (( i = 0; i < excess; i++ )); do
  rm -rf "${ROOT:?}/${complete[$i]}"
  echo "backup: removed old backup ${complete[$i]}"
done
