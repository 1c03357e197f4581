#!/usr/bin/env bash
# `make run`: database (embedded unless DATABASE_URL is set), migrations, demo data on an empty
# database, then the API on :8000, the notification worker and the SPA on :5173 until Ctrl-C (or any exits).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PYTHONPATH=backend XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp}"
PY=.venv/bin/python
PG_DIR="${EMBEDDED_PG_DIR:-.data/postgres}"
API_PORT="${API_PORT:-8000}"
SPA_PORT="${SPA_PORT:-5173}"

# Everything here reaches the API from 127.0.0.1 (through the Vite proxy), so the per-address limits on public
# registration and objections would soon stop repeated local end-to-end runs; production keeps the defaults.
export REGISTRATIONS_PER_IP_PER_HOUR="${REGISTRATIONS_PER_IP_PER_HOUR:-1000}"
export OBJECTIONS_PER_IP_PER_HOUR="${OBJECTIONS_PER_IP_PER_HOUR:-1000}"

# Like production: migrations run as the owner of the schema (MIGRATION_DATABASE_URL), the API, the worker and the
# demo data as the application role skillbase_app (DATABASE_URL), which cannot rewrite the audit trail.
embedded=0
if [ -z "${DATABASE_URL:-}" ]; then
  echo "» starting the embedded PostgreSQL in $PG_DIR"
  MIGRATION_DATABASE_URL="$($PY -m skillbase.devdb start --dir "$PG_DIR")"
  DATABASE_URL="$($PY -m skillbase.devdb url --dir "$PG_DIR" --user skillbase_app)"
  export MIGRATION_DATABASE_URL DATABASE_URL
  embedded=1
fi
# Whose X-Forwarded-For to believe (API and uvicorn alike): by default nobody's — the Vite proxy does not set it,
# so a header reaching the API here was written by the client.
export FORWARDED_ALLOW_IPS="${FORWARDED_ALLOW_IPS:-}"

echo "» migrating"
.venv/bin/alembic -c migrations/alembic.ini upgrade head
echo "» demo data (only into an empty database), as the application role"
$PY -m skillbase.cli seed

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo "» stopping"
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$embedded" = 1 ]; then $PY -m skillbase.devdb stop --dir "$PG_DIR" || true; fi
}
trap cleanup INT TERM EXIT

$PY -m skillbase.serve --host 0.0.0.0 --port "$API_PORT" &
pids+=($!)
$PY -m skillbase.notifications.worker &
pids+=($!)
(cd frontend && exec node_modules/.bin/vite --host 0.0.0.0 --port "$SPA_PORT" --strictPort) &
pids+=($!)
echo "» API http://localhost:$API_PORT/docs   SPA http://localhost:$SPA_PORT   (Ctrl-C stops both)"
wait -n "${pids[@]}"
