#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh CMD [ARGS...]
# Runs CMD with TEST_DATABASE_URL pointing at a throwaway PostgreSQL server on a free loopback port, then
# stops the server and deletes its files, whatever CMD did. Exits with CMD's status.
set -euo pipefail

find_pg_bin() {
  if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
    dirname "$(command -v pg_ctl)"
    return
  fi
  # Debian keeps the server binaries off PATH, one directory per major version; take the newest.
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/pg_ctl" && -x "$dir/initdb" ]]; then
    echo "$dir"
    return
  fi
  echo "with-postgres: pg_ctl and initdb not found (apt-get install postgresql)" >&2
  return 1
}

if [[ $# -eq 0 ]]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

PG_BIN=$(find_pg_bin)

if [[ $(id -u) -eq 0 ]]; then
  # PostgreSQL refuses to run as root.
  id postgres >/dev/null 2>&1 || useradd -r -m postgres
  # Under /tmp rather than $TMPDIR: the postgres user must be able to reach it.
  PG_DIR=$(mktemp -d /tmp/entrada-pg.XXXXXX)
  chown postgres: "$PG_DIR"
  # cd first: the server tools complain when they cannot read the caller's working directory.
  as_pg() { (cd "$PG_DIR" && runuser -u postgres -- "$@"); }
else
  PG_DIR=$(mktemp -d)
  as_pg() { "$@"; }
fi

cleanup() {
  if [[ -f "$PG_DIR/data/postmaster.pid" ]]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Durability is pointless for a throwaway server, and turning it off makes the tests much faster.
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >"$PG_DIR/initdb.log" 2>&1 ||
  { cat "$PG_DIR/initdb.log" >&2; exit 1; }

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Another process may take the free port before the server binds it, so try a few.
started=
for _ in 1 2 3; do
  PG_PORT=$(free_port)
  if as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -t 60 start \
      -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      >/dev/null; then
    started=1
    break
  fi
done
if [[ -z "$started" ]]; then
  echo "with-postgres: PostgreSQL did not start; its log:" >&2
  cat "$PG_DIR/log" >&2 || true
  exit 1
fi

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
echo "with-postgres: $("$PG_BIN/pg_ctl" --version) at $TEST_DATABASE_URL" >&2

set +e
"$@"
status=$?
set -e
exit "$status"
