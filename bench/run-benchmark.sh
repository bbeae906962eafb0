#!/usr/bin/env bash
# The ingest benchmark: on one machine, a Mosquitto of its own, the hub on the machine's PostgreSQL and
# the load generator (kioskops-sim bench). Prints the raw broker ceiling and KioskOps end to end.
#
#   bench/run-benchmark.sh                       # 30 s phases, 500 devices, 8 connections, 5,000 msg/s phase
#   bench/run-benchmark.sh --duration 60s --rate 5000 --publishers 8
#
# Needs: mosquitto, a PostgreSQL on 127.0.0.1:5432 with database 'test' (user postgres, trust auth).
set -euo pipefail
cd "$(dirname "$0")/.."

HTTP_PORT="${HTTP_PORT:-18080}"
MQTT_PORT="${MQTT_PORT:-18883}"
PG_URL="${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
SCHEMA="kioskops_bench_$(date +%s)"
WORK="$(mktemp -d /tmp/kioskops-bench.XXXXXX)"

echo "==> Building"
mvn -B -ntp -q -DskipTests package

cleanup() {
  [ -n "${HUB_PID:-}" ] && kill "$HUB_PID" 2>/dev/null && wait "$HUB_PID" 2>/dev/null || true
  [ -n "${MOSQ_PID:-}" ] && kill "$MOSQ_PID" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -d test -qc "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# the hub's first administrator gets this API token; the load generator calls the hub's API with it
export KIOSKOPS_HUB_TOKEN="kio_bench_$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"

echo "==> Mosquitto on 127.0.0.1:$MQTT_PORT (no queue or in-flight limit, no persistence)"
cat > "$WORK/mosquitto.conf" <<CONF
listener $MQTT_PORT 127.0.0.1
allow_anonymous true
max_queued_messages 0
max_inflight_messages 0
persistence false
log_dest none
CONF
mosquitto -c "$WORK/mosquitto.conf" &
MOSQ_PID=$!

echo "==> Hub on PostgreSQL (schema $SCHEMA)"
psql -h 127.0.0.1 -U postgres -d test -qc "create schema $SCHEMA"
cp -r cloud-hub/target/quarkus-app "$WORK/"
(cd "$WORK/quarkus-app" && java -Dquarkus.launch.rebuild=true -Dquarkus.datasource.db-kind=postgresql -jar quarkus-run.jar >/dev/null 2>&1)
(cd "$WORK" && exec java -Xmx1g ${HUB_OPTS:-} -Dquarkus.http.port="$HTTP_PORT" \
  -Dquarkus.datasource.jdbc.url="$PG_URL?currentSchema=$SCHEMA&reWriteBatchedInserts=true" \
  -Dquarkus.datasource.username=postgres -Dquarkus.flyway.schemas="$SCHEMA" \
  -Dkioskops.mqtt.url="tcp://127.0.0.1:$MQTT_PORT" -Dkioskops.mqtt.client-id=bench-hub \
  -Dkioskops.auth.bootstrap-token="$KIOSKOPS_HUB_TOKEN" \
  -jar quarkus-app/quarkus-run.jar > "$WORK/hub.log" 2>&1) &
HUB_PID=$!

echo "==> Load"
java -Xmx1g -jar firmware-sim/target/firmware-sim-*-SNAPSHOT.jar bench \
  --broker "tcp://127.0.0.1:$MQTT_PORT" --hub "http://127.0.0.1:$HTTP_PORT" --wait-for-hub 120s \
  --pid hub="$HUB_PID" --pid mosquitto="$MOSQ_PID" "$@"
echo "postgresql: $(ps -C postgres -o rss= | awk '{s+=$1} END {printf "%d MB in %d processes", s/1024, NR}')"
