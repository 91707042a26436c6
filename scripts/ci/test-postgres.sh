#!/usr/bin/env bash
# npm run test:postgres — what matters for data, on PostgreSQL: the unit and
# integration suites, a smoke subset of the e2e suite, and two production
# servers sharing one database. Starts a throwaway cluster (scripts/ci/postgres.sh)
# and removes it afterwards. Runs after `npm test` in CI (it reuses the build).
set -euo pipefail
cd "$(dirname "$0")/../.."

admin="$(bash scripts/ci/postgres.sh start)"
trap 'bash scripts/ci/postgres.sh stop' EXIT
database() {
  psql "$admin" -qXc "CREATE DATABASE \"$1\"" >/dev/null
  echo "${admin%/postgres}/$1"
}

echo "== unit and integration suites on PostgreSQL"
TEST_POSTGRES_URL="$admin" npx vitest run

echo "== e2e smoke on PostgreSQL"
E2E_DATABASE_URL="$(database portal_e2e)" npm run test:e2e:postgres

echo "== two instances, one database"
E2E_DATABASE_URL="$(database portal_multi)" npx playwright test -c playwright.multi-instance.config.ts
