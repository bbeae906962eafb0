/**
 * Eclipse Paho adapter of the hub's MQTT connection: the persistent-session subscriber to {@code kioskops/v1/#} that
 * feeds the ingest pipeline and acknowledges a message only once it is stored, and the adapters of
 * {@code twin.DeviceDownlink}, {@code ingest.ReceiptSender} and {@code broker.RevokedSessions} (the last by taking
 * over a revoked device's session on Mosquitto's certificate listener). {@link MqttLifecycle} starts ingest, the
 * broker's accounts, the embedded broker (when used) and the client in that order and stops them in reverse;
 * {@link MqttReadiness} is the readiness check.
 */
package org.kioskops.hub.mqtt;
