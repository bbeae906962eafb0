/**
 * Paho adapters of record and replay: {@link PahoRecorder} subscribes to a topic filter and hands each message on as a
 * {@code TrafficRecord}; {@link PahoReplayer} implements {@code TrafficSender}, publishing as each device where the
 * hub gave its secret and waiting for the broker's acknowledgements.
 */
package org.kioskops.sim.traffic.mqtt;
