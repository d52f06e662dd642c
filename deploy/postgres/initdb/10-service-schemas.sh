#!/usr/bin/env bash
# Runs once, when the postgres container initialises an empty data directory (docker-entrypoint-initdb.d): gives each
# FedImpute service its own login role and a schema of the same name that the role owns, in the database
# $POSTGRES_DB, exactly as local mode and the tests do. Passwords come from FEDIMPUTE_DB_PASSWORD_<SCHEMA>.
# Re-running it (psql -f, or by hand on an existing server) is harmless: roles get their password again, nothing is
# dropped.
set -euo pipefail

schemas="${FEDIMPUTE_SCHEMAS:-users registry jobs files notifications monitoring node}"

for schema in $schemas; do
  [[ "$schema" =~ ^[a-z][a-z0-9_]{0,62}$ ]] || { echo "initdb: '$schema' is not a plain lower-case identifier" >&2; exit 1; }
  variable="FEDIMPUTE_DB_PASSWORD_${schema^^}"
  password="${!variable:-}"
  [ -n "$password" ] || { echo "initdb: set $variable (the $schema role's password)" >&2; exit 1; }
  psql -v ON_ERROR_STOP=1 -X -q --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-fedimpute}" \
    -v schema="$schema" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'schema') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'schema')
\gexec
ALTER ROLE :"schema" LOGIN PASSWORD :'password';
CREATE SCHEMA IF NOT EXISTS :"schema" AUTHORIZATION :"schema";
ALTER ROLE :"schema" SET search_path = :"schema";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
  echo "initdb: role and schema $schema ready"
done
