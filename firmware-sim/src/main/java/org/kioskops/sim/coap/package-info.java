/**
 * Californium side of the simulator: {@link CoapDeviceLink}, one device's CoAP-over-DTLS link to the hub with its
 * pre-shared key, and the {@code coap-bench} command, which measures the hub's CoAP endpoint (requests per second,
 * request-to-answer latency, memory).
 */
package org.kioskops.sim.coap;
