# Sourced by .ci/run: starts a private PostgreSQL cluster (Debian's packages) on a non-default port
# for the PostgreSQL destination tests, exports INFUSE_TEST_POSTGRES_URL and PGPASSWORD, and
# defines stop_test_postgres for the caller's exit trap.
INFUSE_PG_PORT="${INFUSE_PG_PORT:-54329}"
INFUSE_PG_PASSWORD="infuse-ci-$$-$RANDOM"
INFUSE_PG_DIR="$(mktemp -d /tmp/infuse-pg.XXXXXX)"
chown postgres:postgres "$INFUSE_PG_DIR"
INFUSE_PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

as_postgres() { runuser -u postgres -- "$@"; }

stop_test_postgres() {
  as_postgres "$INFUSE_PG_BIN/pg_ctl" -D "$INFUSE_PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$INFUSE_PG_DIR"
}

( umask 077; echo "$INFUSE_PG_PASSWORD" >"$INFUSE_PG_DIR/pwfile" )
chown postgres:postgres "$INFUSE_PG_DIR/pwfile"
as_postgres "$INFUSE_PG_BIN/initdb" -D "$INFUSE_PG_DIR/data" -A scram-sha-256 --username=postgres \
  --pwfile="$INFUSE_PG_DIR/pwfile" >"$INFUSE_PG_DIR/initdb.log" 2>&1
rm -f "$INFUSE_PG_DIR/pwfile"
as_postgres "$INFUSE_PG_BIN/pg_ctl" -D "$INFUSE_PG_DIR/data" -l "$INFUSE_PG_DIR/server.log" -w \
  -o "-p $INFUSE_PG_PORT -k $INFUSE_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
as_postgres env PGPASSWORD="$INFUSE_PG_PASSWORD" \
  "$INFUSE_PG_BIN/psql" -q -h 127.0.0.1 -p "$INFUSE_PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE infuse LOGIN PASSWORD '$INFUSE_PG_PASSWORD'" \
  -c "CREATE DATABASE infuse_test OWNER infuse" >/dev/null
export INFUSE_TEST_POSTGRES_URL="postgres://infuse@127.0.0.1:$INFUSE_PG_PORT/infuse_test?sslmode=disable"
export PGPASSWORD="$INFUSE_PG_PASSWORD"
echo "PostgreSQL test cluster on 127.0.0.1:$INFUSE_PG_PORT ($INFUSE_PG_DIR)"
