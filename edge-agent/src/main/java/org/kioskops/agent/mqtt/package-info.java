/**
 * Eclipse Paho adapter: {@link PahoUplink} implements the {@code Uplink} port over MQTT 5. It corrects Paho's
 * defaults, which lose data: a persistent session, its own reconnect with exponential backoff and jitter, and the
 * broker's Receive Maximum read from each CONNACK. The only agent package that may use Paho.
 */
package org.kioskops.agent.mqtt;
