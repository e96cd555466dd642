#!/bin/sh
# Registers every Debezium connector config in $CONNECTORS_DIR with Kafka Connect, for docker-compose's one-shot
# `connect-init` service (POSIX sh: runs in the curlimages/curl image).
#
# Each <name>.json holds only the connector's `config` object (infra/debezium/connectors is the single source of
# truth, shared with the Docker-free path). `PUT /connectors/<name>/config` creates the connector or updates it
# (201 or 200), so running this again is harmless. Connect may answer 409 (rebalance in progress) or 5xx right after
# it turns healthy: every file is retried until MAX_ATTEMPTS. Exit status 0 only when every file was accepted; with
# no *.json at all it fails, so a wrong mount cannot pass silently.
set -eu

CONNECT_URL="${CONNECT_URL:-http://connect:8083}"
CONNECTORS_DIR="${CONNECTORS_DIR:-/connectors}"
MAX_ATTEMPTS="${MAX_ATTEMPTS:-30}"
RETRY_DELAY_SECONDS="${RETRY_DELAY_SECONDS:-2}"

response="$(mktemp)"
trap 'rm -f "$response"' EXIT

register() {
  file="$1"
  name="$(basename "$file" .json)"
  attempt=1
  while :; do
    status="$(curl -sS -o "$response" -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
      --data-binary "@$file" "$CONNECT_URL/connectors/$name/config")" || true
    case "$status" in
      200 | 201)
        echo "connector $name: registered (HTTP $status)"
        return 0
        ;;
    esac
    echo "connector $name: attempt $attempt/$MAX_ATTEMPTS got HTTP $status: $(head -c 500 "$response" 2>/dev/null)" >&2
    if [ "$attempt" -ge "$MAX_ATTEMPTS" ]; then
      return 1
    fi
    attempt=$((attempt + 1))
    sleep "$RETRY_DELAY_SECONDS"
  done
}

count=0
failed=0
for file in "$CONNECTORS_DIR"/*.json; do
  [ -f "$file" ] || continue
  count=$((count + 1))
  register "$file" || failed=$((failed + 1))
done

if [ "$count" -eq 0 ]; then
  echo "no connector configs (*.json) found in $CONNECTORS_DIR" >&2
  exit 1
fi
if [ "$failed" -ne 0 ]; then
  echo "$failed of $count connector(s) could not be registered" >&2
  exit 1
fi

# Informational only: tasks may still be starting (the outbox tables appear when the services migrate).
for file in "$CONNECTORS_DIR"/*.json; do
  name="$(basename "$file" .json)"
  echo "connector $name status: $(curl -sS "$CONNECT_URL/connectors/$name/status" 2>/dev/null || echo unavailable)"
done
echo "registered $count connector(s)"
