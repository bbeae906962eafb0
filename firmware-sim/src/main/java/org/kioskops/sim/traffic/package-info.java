/**
 * Record and replay of MQTT traffic (docs/simulator.md#record-and-replay): the JSON-lines format
 * ({@link TrafficRecord}), the rewrite that prefixes device ids and moves timestamps to now while keeping sequence
 * numbers, and the paced replay. Publishing goes through the {@link TrafficSender} port; the Paho adapters are in
 * {@code traffic.mqtt}.
 */
package org.kioskops.sim.traffic;
