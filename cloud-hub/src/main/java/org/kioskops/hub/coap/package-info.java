/**
 * Californium adapter: the CoAP-over-DTLS endpoint for constrained devices (docs/coap.md; UDP port 5684 by default),
 * with each device's pre-shared key looked up in the registry at every handshake. Device messages, JSON or CBOR, go
 * through the same ingest pipeline as MQTT and are answered only once stored; config, commands and update orders are
 * observable resources, pushed when the hub fires {@code DesiredConfigChanged}, {@code CommandsPending} or
 * {@code UpdateOrdered}.
 */
package org.kioskops.hub.coap;
