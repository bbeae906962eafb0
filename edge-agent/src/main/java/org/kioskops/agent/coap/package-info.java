/**
 * Californium adapter: {@link CoapUplink} implements the {@code Uplink} port over CoAP with DTLS and the device's
 * pre-shared key (docs/coap.md), for boxes on links where MQTT over TCP is too heavy. Messages are confirmable POSTs
 * that the hub answers once stored; the hub's configuration and commands arrive through observe. {@link DtlsClients}
 * builds the DTLS client endpoints in code, and the simulator reuses it.
 */
package org.kioskops.agent.coap;
