package org.kioskops.hub.coap;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.kioskops.hub.command.CommandService;
import org.kioskops.hub.command.CommandsPending;
import org.kioskops.hub.identity.CredentialService;
import org.kioskops.hub.ingest.IngestPipeline;
import org.kioskops.hub.twin.DesiredConfigChanged;
import org.kioskops.hub.twin.TwinService;
import org.kioskops.hub.update.UpdateOrdered;
import org.kioskops.hub.update.UpdateOrders;
import org.kioskops.protocol.Command;
import org.kioskops.protocol.Limits;
import org.kioskops.protocol.ProtocolCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the CoAP-over-DTLS endpoint after the ingest pipeline and stops it before, so that every request it
 * accepts can be stored. Californium's settings come from {@link CoapConfig} and are set here, in code:
 * no {@code Californium3.properties} is read or written.
 */
@ApplicationScoped
public class CoapLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(CoapLifecycle.class);

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    @Inject
    CoapEndpointConfig config;

    @Inject
    IngestPipeline pipeline;

    @Inject
    CredentialService credentials;

    @Inject
    Clock clock;

    @Inject
    TwinService twins;

    @Inject
    CommandService commands;

    @Inject
    UpdateOrders updates;

    private final ProtocolCodec codec = new ProtocolCodec();
    private CoapServer server;
    private volatile DeviceTreeResource tree;
    private volatile int port = -1;

    void onStart(@Observes @Priority(3000) StartupEvent event) {
        CoapEndpointConfig coap = config;
        if (!coap.enabled()) {
            LOG.info("CoAP endpoint disabled (kioskops.coap.enabled=false)");
            return;
        }
        Configuration californium = settings(coap);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(californium)
                .setAddress(new InetSocketAddress(coap.bindAddress(), coap.port()))
                .setAdvancedPskStore(new RegistryPskStore(credentials::pskOf))
                .setLoggingTag("coaps")
                .build();
        DTLSConnector connector = new DTLSConnector(dtls);
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(californium).setConnector(connector).build();
        server = new CoapServer(californium);
        server.addEndpoint(endpoint);
        CoapResource root = new CoapResource("kioskops");
        tree = new DeviceTreeResource(new DeviceMessageResource(pipeline, clock),
                Map.of("config", this::desiredJson, "commands", this::pendingCommandsJson, "update", this::updateJson), coap.maxConnections());
        root.add(tree);
        server.add(root);
        server.start();
        port = endpoint.getAddress().getPort();
        LOG.info("CoAP endpoint listening on coaps://{}:{} (DTLS 1.2, pre-shared keys from the registry, connection ids of {} bytes)",
                coap.bindAddress(), port, coap.connectionIdLength());
    }

    void onStop(@Observes @Priority(2000) ShutdownEvent event) {
        if (server != null) {
            server.destroy();
            server = null;
            tree = null;
            port = -1;
        }
    }

    void configChanged(@Observes DesiredConfigChanged event) {
        DeviceTreeResource t = tree;
        if (t != null) {
            t.changed(event.deviceId(), "config");
        }
    }

    /** After the commit: the observer's read must find the deployment notified. */
    void updateOrdered(@Observes(during = TransactionPhase.AFTER_SUCCESS) UpdateOrdered event) {
        DeviceTreeResource t = tree;
        if (t != null) {
            t.changed(event.deviceId(), "update");
        }
    }

    private Optional<byte[]> updateJson(String deviceId) {
        return updates.current(deviceId).map(codec::encode);
    }

    void commandsPending(@Observes CommandsPending event) {
        DeviceTreeResource t = tree;
        if (t != null) {
            t.changed(event.deviceId(), "commands");
        }
    }

    private Optional<byte[]> desiredJson(String deviceId) {
        return twins.desiredConfig(deviceId).map(codec::encode);
    }

    /** The device's pending commands as a JSON array of command messages; empty when none. */
    private Optional<byte[]> pendingCommandsJson(String deviceId) {
        List<Command> pending = commands.pending(deviceId);
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        ByteArrayOutputStream array = new ByteArrayOutputStream();
        array.write('[');
        for (int i = 0; i < pending.size(); i++) {
            if (i > 0) {
                array.write(',');
            }
            array.writeBytes(codec.encode(pending.get(i)));
        }
        array.write(']');
        return Optional.of(array.toByteArray());
    }

    /** The UDP port the endpoint listens on; -1 when it does not. */
    public int port() {
        return port;
    }

    /** Californium's settings for the hub: server role, PSK only, bounded memory. */
    static Configuration settings(CoapEndpointConfig coap) {
        Configuration c = Configuration.createStandardWithoutFile();
        c.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
        c.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, coap.connectionIdLength() == 0 ? null : coap.connectionIdLength());
        c.set(DtlsConfig.DTLS_MAX_CONNECTIONS, coap.maxConnections());
        c.set(DtlsConfig.DTLS_STALE_CONNECTION_THRESHOLD, coap.staleConnectionThreshold().toSeconds(), TimeUnit.SECONDS);
        // a burst of datagrams beyond the socket's buffer is dropped and waits for the device's retransmission (2 s and more)
        c.set(DtlsConfig.DTLS_RECEIVE_BUFFER_SIZE, coap.receiveBufferBytes());
        c.set(DtlsConfig.DTLS_SEND_BUFFER_SIZE, coap.receiveBufferBytes());
        c.set(CoapConfig.EXCHANGE_LIFETIME, coap.exchangeLifetime().toMillis(), TimeUnit.MILLISECONDS);
        // duplicates remembered per device, not per second: memory follows the fleet's size, not its rate
        c.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
        c.set(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES, coap.duplicatesPerDevice());
        c.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, Limits.MAX_PAYLOAD_BYTES);
        return c;
    }
}
