#!/usr/bin/env bash
# The CoAP benchmark: on one machine, the hub on the machine's PostgreSQL with its CoAP-over-DTLS endpoint,
# and kioskops-sim coap-bench posting confirmable requests that the hub answers once stored.
#
#   bench/run-coap-benchmark.sh                                   # 100 devices, 4 in flight each, 30 s
#   bench/run-coap-benchmark.sh --devices 200 --in-flight 8 --cbor
#
# Needs: mosquitto (the hub still connects to a broker), a PostgreSQL on 127.0.0.1:5432 with database 'test'
# (user postgres, trust auth).
set -euo pipefail
cd "$(dirname "$0")/.."

HTTP_PORT="${HTTP_PORT:-18080}"
MQTT_PORT="${MQTT_PORT:-18883}"
COAP_PORT="${COAP_PORT:-15684}"
PG_URL="${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
SCHEMA="kioskops_coapbench_$(date +%s)"
WORK="$(mktemp -d /tmp/kioskops-coapbench.XXXXXX)"

if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "==> Building"
  mvn -B -ntp -q -DskipTests package
fi

cleanup() {
  [ -n "${HUB_PID:-}" ] && kill "$HUB_PID" 2>/dev/null && wait "$HUB_PID" 2>/dev/null || true
  [ -n "${MOSQ_PID:-}" ] && kill "$MOSQ_PID" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -d test -qc "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# the hub's first administrator gets this API token; the load generator calls the hub's API with it
export KIOSKOPS_HUB_TOKEN="kio_bench_$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"

echo "==> Mosquitto on 127.0.0.1:$MQTT_PORT"
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest none\n' "$MQTT_PORT" > "$WORK/mosquitto.conf"
mosquitto -c "$WORK/mosquitto.conf" &
MOSQ_PID=$!

echo "==> Hub on PostgreSQL (schema $SCHEMA), CoAP on udp/$COAP_PORT"
psql -h 127.0.0.1 -U postgres -d test -qc "create schema $SCHEMA"
cp -r cloud-hub/target/quarkus-app "$WORK/"
(cd "$WORK/quarkus-app" && java -Dquarkus.launch.rebuild=true -Dquarkus.datasource.db-kind=postgresql -jar quarkus-run.jar >/dev/null 2>&1)
(cd "$WORK" && exec java -Xmx1g ${HUB_OPTS:-} -Dquarkus.http.port="$HTTP_PORT" \
  -Dquarkus.datasource.jdbc.url="$PG_URL?currentSchema=$SCHEMA&reWriteBatchedInserts=true" \
  -Dquarkus.datasource.username=postgres -Dquarkus.flyway.schemas="$SCHEMA" \
  -Dkioskops.mqtt.url="tcp://127.0.0.1:$MQTT_PORT" -Dkioskops.mqtt.client-id=bench-hub \
  -Dkioskops.coap.port="$COAP_PORT" -Dkioskops.coap.bind-address=127.0.0.1 \
  -Dkioskops.auth.bootstrap-token="$KIOSKOPS_HUB_TOKEN" \
  -jar quarkus-app/quarkus-run.jar > "$WORK/hub.log" 2>&1) &
HUB_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$HTTP_PORT/q/health/ready" >/dev/null 2>&1 && break
  sleep 1
done

echo "==> Load"
java -Xmx1g -jar firmware-sim/target/firmware-sim-*-SNAPSHOT.jar coap-bench \
  --hub "http://127.0.0.1:$HTTP_PORT" --coap "127.0.0.1:$COAP_PORT" --pid hub="$HUB_PID" "$@"
echo "postgresql: $(ps -C postgres -o rss= | awk '{s+=$1} END {printf "%d MB in %d processes", s/1024, NR}')"
