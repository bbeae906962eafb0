#!/usr/bin/env bash
# The fault run: the packaged hub on this machine's PostgreSQL, a Mosquitto of its own configured as
# docs/operations.md says, simulated kiosks on the real agent code with on-disk outboxes; seven faults injected
# under load, every reading the kiosks were told is safe held against the hub's tables by sequence number.
# Prints the table docs/benchmarks.md records (also written to cloud-hub/target/fault-run/fault-run.md).
#
#   bench/run-fault-run.sh                                   # 200 kiosks, 20 s of load, faults held 30 s, hub frozen 60 s
#   bench/run-fault-run.sh --kiosks 50 --hold 10 --only 2,4  # a smaller run of two faults (numbers as in the table)
#
# Needs: mosquitto, a PostgreSQL on 127.0.0.1:5432 with database 'test' (user postgres, trust auth).
set -euo pipefail
cd "$(dirname "$0")/.."

KIOSKS=200 LOAD=20 HOLD=30 FREEZE=60 RECOVERY=600 TELEMETRY_MILLIS=1000 ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --kiosks) KIOSKS="$2"; shift 2 ;;
    --load) LOAD="$2"; shift 2 ;;
    --hold) HOLD="$2"; shift 2 ;;
    --freeze) FREEZE="$2"; shift 2 ;;
    --recovery) RECOVERY="$2"; shift 2 ;;
    --telemetry-millis) TELEMETRY_MILLIS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done

echo "==> Building"
mvn -B -ntp -q -DskipTests install
echo "==> Fault run: $KIOSKS kiosks, ${LOAD} s load, faults held ${HOLD} s, hub frozen ${FREEZE} s (progress in cloud-hub/target/failsafe-reports)"
mvn -B -ntp -pl cloud-hub verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FaultRunIT \
  -Dkioskops.faults.kiosks="$KIOSKS" -Dkioskops.faults.load-seconds="$LOAD" -Dkioskops.faults.hold-seconds="$HOLD" \
  -Dkioskops.faults.freeze-seconds="$FREEZE" -Dkioskops.faults.recovery-seconds="$RECOVERY" \
  -Dkioskops.faults.telemetry-millis="$TELEMETRY_MILLIS" -Dkioskops.faults.only="$ONLY" | grep -E "fault-run:|Tests run:|FAIL|ERROR\]" || true
echo
cat cloud-hub/target/fault-run/fault-run.md
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -1), $(mosquitto -h | head -1), $(psql --version)"
