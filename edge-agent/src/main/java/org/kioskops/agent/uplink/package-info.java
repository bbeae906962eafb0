/**
 * The {@link Uplink} port, the agent's connection to the hub, with what travels over it ({@link OutboundMessage}) and
 * what its adapters share: reconnect delays with exponential backoff and full jitter, and the exception for a publish
 * the broker refused. Adapters: {@code org.kioskops.agent.mqtt} (Paho) and {@code org.kioskops.agent.coap}
 * (Californium).
 */
package org.kioskops.agent.uplink;
