package org.kioskops.hub.coap;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The CoAP endpoint for constrained devices (docs/coap.md): CoAP over DTLS 1.2 with a pre-shared key per
 * device, into the same ingest pipeline as MQTT. Californium's own settings are built from these in code;
 * it writes no properties file.
 */
@ConfigMapping(prefix = "kioskops.coap")
public interface CoapEndpointConfig {
    /** Whether the hub listens for CoAP. */
    @WithDefault("true")
    boolean enabled();

    /** UDP port of CoAP over DTLS ({@code coaps://}); 0 picks a free one (logged at start). */
    @WithDefault("5684")
    int port();

    /** Address to listen on. */
    @WithDefault("0.0.0.0")
    String bindAddress();

    /**
     * Length in bytes of the DTLS connection ids the hub gives devices (RFC 9146), 0 for none: with one, a
     * device whose address changes (NAT rebinding on a cellular link) keeps its session.
     */
    @WithDefault("6")
    int connectionIdLength();

    /**
     * How long an answered confirmable request is remembered to answer its retransmissions. RFC 7252's
     * 247 s is for servers that cannot tell a retransmission from a new request; the hub can (sequence
     * numbers), so a shorter time keeps memory flat under load.
     */
    @WithDefault("60s")
    Duration exchangeLifetime();

    /**
     * Answered requests remembered per device to recognise its retransmissions (within
     * {@link #exchangeLifetime()}): memory grows with the number of devices, not with the request rate. A
     * retransmission older than these is stored once anyway (sequence numbers) and answered again.
     */
    @WithDefault("32")
    int duplicatesPerDevice();

    /**
     * Size of the UDP socket's receive (and send) buffer, bytes. Datagrams arriving while it is full are
     * dropped and retransmitted by the devices seconds later; the kernel caps it at
     * {@code net.core.rmem_max} / {@code wmem_max}, which may need raising on a busy hub.
     */
    @WithDefault("2097152")
    int receiveBufferBytes();

    /** DTLS sessions held at most. */
    @WithDefault("20000")
    int maxConnections();

    /** A DTLS session unused this long may give way to a new one when {@link #maxConnections()} are held. */
    @WithDefault("30m")
    Duration staleConnectionThreshold();
}
