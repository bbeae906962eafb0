package org.kioskops.agent.coap;

import java.nio.charset.StandardCharsets;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * Client endpoints of a device that talks CoAP over DTLS with its pre-shared key: lean (one thread per stage),
 * taking the hub's connection id so that the session survives NAT rebinding, and written without a
 * {@code Californium3.properties} file.
 */
public final class DtlsClients {
    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private DtlsClients() {
    }

    /**
     * A new, unstarted endpoint authenticating as {@code identity} with {@code key} (its UTF-8 bytes).
     *
     * @param inFlight confirmable requests outstanding at once (CoAP's NSTART)
     */
    public static CoapEndpoint endpoint(String identity, String key, int inFlight) {
        return endpoint(identity, key, inFlight, 0);
    }

    /**
     * The same with a UDP receive buffer of {@code receiveBufferBytes} (0: the system's), for a client with many
     * requests outstanding whose answers arrive in bursts (a load generator).
     */
    public static CoapEndpoint endpoint(String identity, String key, int inFlight, int receiveBufferBytes) {
        Configuration c = Configuration.createStandardWithoutFile();
        if (receiveBufferBytes > 0) {
            c.set(DtlsConfig.DTLS_RECEIVE_BUFFER_SIZE, receiveBufferBytes);
        }
        c.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        c.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, 0); // takes the hub's connection id: the session survives NAT rebinding
        c.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        c.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        c.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, 1);
        c.set(CoapConfig.NSTART, inFlight);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(c)
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key.getBytes(StandardCharsets.UTF_8))).build();
        return new CoapEndpoint.Builder().setConfiguration(c).setConnector(new DTLSConnector(dtls)).build();
    }
}
