#!/usr/bin/env bash
# Builds KioskOps and runs it on its embedded defaults: the hub with its embedded MQTT 5 broker
# (HiveMQ CE, port 1884) and an H2 file database under ./data, plus a simulated fleet of 24 kiosks
# in 4 communities running the real agent code; the hub issues each kiosk a secret and they connect
# over TLS, verifying the broker against the hub's CA. Ctrl-C stops everything and prints the fleet summary.
#
#   ./run-demo.sh                 # build, then run until Ctrl-C
#   KIOSKS=50 COMMUNITIES=6 ./run-demo.sh
set -euo pipefail
cd "$(dirname "$0")"

KIOSKS="${KIOSKS:-24}"
COMMUNITIES="${COMMUNITIES:-4}"
HTTP_PORT="${HTTP_PORT:-8080}"
MQTT_PORT="${MQTT_PORT:-1884}"
MQTT_TLS_PORT="${MQTT_TLS_PORT:-8884}"

echo "==> Building (first run downloads dependencies from Maven Central)"
mvn -B -ntp -q -DskipTests package

mkdir -p data
# the demo's administrator password and API token, made at the first run and kept with the demo's data
[ -f data/demo-admin-password ] || head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n' > data/demo-admin-password
[ -f data/demo-api-token ] || { printf 'kio_demo_'; head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n'; } > data/demo-api-token
chmod 600 data/demo-admin-password data/demo-api-token
ADMIN_PASSWORD="$(cat data/demo-admin-password)"
export KIOSKOPS_HUB_TOKEN="$(cat data/demo-api-token)"
echo "==> Starting the hub (log: data/hub.log)"
# its own session, so that Ctrl-C reaches the simulator first and its kiosks can say goodbye
setsid java -Dquarkus.http.port="$HTTP_PORT" -Dkioskops.broker.embedded.port="$MQTT_PORT" \
  -Dkioskops.broker.embedded.tls-port="$MQTT_TLS_PORT" -Dkioskops.updates.demo-signing=true \
  -Dkioskops.uploads.public-url="http://127.0.0.1:${HTTP_PORT}" \
  -Dkioskops.auth.bootstrap-password="$ADMIN_PASSWORD" -Dkioskops.auth.bootstrap-token="$KIOSKOPS_HUB_TOKEN" \
  -jar cloud-hub/target/quarkus-app/quarkus-run.jar > data/hub.log 2>&1 &
HUB_PID=$!
stop_hub() {
  if kill -0 "$HUB_PID" 2>/dev/null; then
    echo "==> Stopping the hub"
    kill "$HUB_PID" && wait "$HUB_PID" 2>/dev/null || true
  fi
}
trap stop_hub EXIT

cat <<MSG

KioskOps is starting. When the fleet is running:
  Dashboard         http://127.0.0.1:${HTTP_PORT}/ui/  (user admin, password ${ADMIN_PASSWORD})
  API token         ${KIOSKOPS_HUB_TOKEN}  (curl -H "Authorization: Bearer \$(cat data/demo-api-token)" ...)
  API (site tree)   http://127.0.0.1:${HTTP_PORT}/api/sites
  Devices           http://127.0.0.1:${HTTP_PORT}/api/devices
  API explorer      http://127.0.0.1:${HTTP_PORT}/q/swagger-ui
  Metrics           http://127.0.0.1:${HTTP_PORT}/q/metrics
  MQTT broker       tcp://127.0.0.1:${MQTT_PORT}, TLS ssl://localhost:${MQTT_TLS_PORT}
  Broker CA         http://127.0.0.1:${HTTP_PORT}/api/broker/ca.pem
Press Ctrl-C to stop.

MSG
java -jar firmware-sim/target/firmware-sim-*-SNAPSHOT.jar run \
  --broker "ssl://localhost:${MQTT_TLS_PORT}" --hub "http://127.0.0.1:${HTTP_PORT}" --wait-for-hub 180s \
  --kiosks "$KIOSKS" --communities "$COMMUNITIES" "$@"
