/**
 * The measuring commands of {@code kioskops-sim}: {@code bench} (the raw ceiling of Paho clients through the broker,
 * then KioskOps end to end into the hub's database), {@code agent-bench} (outbox rates per fsync policy, and the
 * packaged agent's memory and CPU) and {@code detect} (how fast the hub notices kiosks that drop or fall silent).
 * Latencies come from the hub's Prometheus histogram; the Paho connections are in {@code bench.mqtt}.
 */
package org.kioskops.sim.bench;
