#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, on 127.0.0.1:${PGPORT:-55432},
# owned by an unprivileged user (PostgreSQL refuses to run as root).
#   scripts/ci/postgres.sh start   → prints the admin URL (database "postgres")
#   scripts/ci/postgres.sh stop
#   scripts/ci/postgres.sh down | up   → stops and starts the same cluster, data kept
#                                        (the fault suite restarts the database under load)
# Needs Debian's postgresql package (.ci/run installs it on a fresh machine).
set -euo pipefail
port="${PGPORT:-55432}"
data="${PGDATA_DIR:-/tmp/token-portal-pg-$port}"

pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_owner() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# Durability off: a test cluster, thrown away after the run.
serve() {
  as_owner "$(pgbin)/pg_ctl" -D "$data" -l "$data/server.log" -w \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
}

case "${1:-}" in
  start)
    if [ -z "$(pgbin)" ] || [ ! -x "$(pgbin)/initdb" ]; then
      echo "postgres.sh: PostgreSQL server binaries are missing; install Debian's postgresql package (as root: apt-get install -y postgresql; .ci/run does)" >&2
      exit 1
    fi
    bin="$(pgbin)"
    if [ -f "$data/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$data" stop -m immediate >/dev/null 2>&1 || true; fi
    rm -rf "$data" && mkdir -p "$data"
    if [ "$(id -u)" = "0" ]; then chown postgres "$data"; fi
    as_owner "$bin/initdb" -D "$data" -U portal -A trust --no-sync --locale=C --encoding=UTF8 >/dev/null
    serve
    echo "postgresql://portal@127.0.0.1:$port/postgres"
    ;;
  stop)
    bin="$(pgbin)"
    if [ -f "$data/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$data" stop -m fast >/dev/null; fi
    rm -rf "$data"
    ;;
  down)
    # A fast shutdown, as a database restart does: sessions are ended, new connections refused.
    as_owner "$(pgbin)/pg_ctl" -D "$data" stop -m fast >/dev/null
    ;;
  up)
    serve
    ;;
  *)
    echo "usage: scripts/ci/postgres.sh start|stop|down|up" >&2
    exit 1
    ;;
esac
