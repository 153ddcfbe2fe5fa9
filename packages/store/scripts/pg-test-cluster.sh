#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store's tests, on 127.0.0.1 only.
#
#   export PG_TEST_URL="$(packages/store/scripts/pg-test-cluster.sh start)"
#   npm test
#   packages/store/scripts/pg-test-cluster.sh stop      # the cluster that start made last
#
# `start` runs initdb and pg_ctl in a fresh temporary folder, creates a role with a random
# password that may create databases (each test suite makes and drops its own), prints the
# connection URL on stdout and nothing else there; what it did goes to stderr. `stop` stops
# the cluster and removes its folder (`stop DIR` for one started earlier).
#
# initdb and postgres refuse to run as root. As root, the cluster is owned by the `postgres`
# user that Debian's package creates and run through `runuser`; as anyone else, by that user.
# The server binaries come from PG_BIN, else `pg_config --bindir`, else the newest
# /usr/lib/postgresql/*/bin (Debian keeps initdb and pg_ctl there, off PATH).
set -euo pipefail

state_file="${TMPDIR:-/tmp}/pokmas-pg-test-cluster"

die() {
  echo "pg-test-cluster: $*" >&2
  exit 1
}

find_bin() {
  if [ -n "${PG_BIN:-}" ]; then
    echo "$PG_BIN"
    return
  fi
  local newest
  newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then
    echo "$newest"
  elif command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
  elif command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  else
    die "no PostgreSQL server found; install it: sudo apt-get install -y postgresql"
  fi
}

# Runs a server binary as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root needs the postgres user (Debian's postgresql package creates it)"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  # Asks the kernel for a free port on loopback, so that parallel clusters never collide.
  node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

start() {
  local bin dir port password
  bin="$(find_bin)"
  dir="$(mktemp -d "${TMPDIR:-/tmp}/pokmas-pg.XXXXXX")"
  # A failed start leaves nothing behind.
  trap '[ -n "${started:-}" ] || rm -rf "$dir"' EXIT
  chmod 0755 "$dir"
  mkdir "$dir/data" "$dir/socket"
  password="$(node -e 'console.log(require("node:crypto").randomBytes(18).toString("base64url"))')"
  # initdb reads the superuser's password from a file the owner can read.
  printf '%s\n' "$password" >"$dir/password"
  chmod 0600 "$dir/password"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$dir"; fi

  as_owner "$bin/initdb" -D "$dir/data" -U pokmas --pwfile="$dir/password" --auth=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    die "initdb failed"
  }
  rm -f "$dir/password"

  port="$(free_port)"
  # fsync off: the cluster is thrown away, and the tests that kill a writer check what
  # PostgreSQL itself committed, not what survives a power cut.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/socket -c fsync=off -c max_connections=200" start >&2 || {
    cat "$dir/server.log" >&2
    die "the server did not start"
  }
  started=1
  echo "$dir" >"$state_file"
  echo "pg-test-cluster: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port in $dir; stop it with: $0 stop" >&2
  echo "postgres://pokmas:$password@127.0.0.1:$port/postgres"
}

stop() {
  local dir="${1:-}"
  if [ -z "$dir" ]; then
    [ -f "$state_file" ] || die "no cluster recorded in $state_file; give its folder: $0 stop DIR"
    dir="$(cat "$state_file")"
  fi
  [ -d "$dir/data" ] || die "$dir holds no cluster"
  as_owner "$(find_bin)/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
  rm -rf "$dir"
  if [ -f "$state_file" ] && [ "$(cat "$state_file")" = "$dir" ]; then rm -f "$state_file"; fi
  echo "pg-test-cluster: stopped and removed $dir" >&2
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) die "usage: $0 start | stop [DIR]" ;;
esac
