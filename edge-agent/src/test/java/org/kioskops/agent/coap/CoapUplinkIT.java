package org.kioskops.agent.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kioskops.agent.config.MqttSettings;
import org.kioskops.agent.uplink.OutboundMessage;
import org.kioskops.agent.uplink.Uplink;
import org.kioskops.protocol.Topics;
import org.kioskops.testing.Ports;

/**
 * The agent's CoAP uplink against a CoAP-over-DTLS server standing in for the hub at its port: messages are
 * acknowledged by the answer, the configuration arrives by observe, and a message sent while the hub is away is
 * retransmitted until it arrives.
 */
class CoapUplinkIT {
    private static final String DEVICE = "kiosk-coap-1";
    private static final String KEY = "psk-of-kiosk-coap-1";

    private final List<String> posted = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private CoapServer hub;
    private CoapResource config;
    private volatile String configJson = "{\"version\":\"v1\"}";
    private CoapUplink uplink;

    @BeforeEach
    void startHub() {
        Configuration c = Configuration.createStandardWithoutFile();
        c.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
        AdvancedMultiPskStore keys = new AdvancedMultiPskStore();
        keys.setKey(DEVICE, KEY.getBytes(StandardCharsets.UTF_8));
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(c).setAddress(new InetSocketAddress("127.0.0.1", Ports.freeUdp()))
                .setAdvancedPskStore(keys).build();
        hub = new CoapServer(c);
        hub.addEndpoint(new CoapEndpoint.Builder().setConfiguration(c).setConnector(new DTLSConnector(dtls)).build());
        config = new CoapResource("config") {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond(ResponseCode.CONTENT, configJson, MediaTypeRegistry.APPLICATION_JSON);
            }
        };
        config.setObservable(true);
        CoapResource messages = new CoapResource("messages") {
            @Override
            public void handlePOST(CoapExchange exchange) {
                posted.add(String.join("/", exchange.getRequestOptions().getUriPath()) + " " + exchange.getRequestText());
                exchange.respond(ResponseCode.CHANGED);
            }
        };
        CoapResource device = new CoapResource(DEVICE) {
            @Override
            public Resource getChild(String name) {
                return name.equals("config") ? config : messages;
            }
        };
        hub.add(new CoapResource("kioskops").add(new CoapResource("v1").add(device)));
        hub.start();
    }

    @AfterEach
    void stop() {
        if (uplink != null) {
            uplink.close();
        }
        hub.destroy();
        scheduler.shutdownNow();
    }

    private int port() {
        return hub.getEndpoints().get(0).getAddress().getPort();
    }

    private void startUplink() {
        MqttSettings settings = new MqttSettings("coaps://127.0.0.1:" + port(), null, 5, null, 2, 100L, 500L, 4, null, KEY, null, null, null,
                null);
        uplink = new CoapUplink(DEVICE, settings, scheduler, new Random(1));
        uplink.start(new Uplink.ConnectionHandler() {
            @Override
            public OutboundMessage willForNextConnection() {
                return null;
            }

            @Override
            public void connected(boolean sessionPresent) {
            }

            @Override
            public void disconnected(String cause) {
            }

            @Override
            public List<String> subscriptions() {
                return List.of(Topics.configTopic(DEVICE));
            }

            @Override
            public void received(String topic, byte[] payload, byte[] correlationData) {
                received.add(topic + " " + new String(payload, StandardCharsets.UTF_8));
            }
        });
    }

    private static OutboundMessage telemetry(long seq) {
        return new OutboundMessage(Topics.ROOT + "/" + DEVICE + "/telemetry", ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8), 1,
                false, seq);
    }

    @Test
    void a_message_is_acknowledged_by_the_answer_and_the_configuration_arrives_by_observe() throws Exception {
        startUplink();
        await().atMost(Duration.ofSeconds(10)).until(uplink::isConnected);

        uplink.publish(telemetry(1)).get(10, TimeUnit.SECONDS);
        configJson = "{\"version\":\"v2\"}";
        config.changed();

        assertThat(posted).containsExactly("kioskops/v1/" + DEVICE + "/telemetry {\"seq\":1}");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains(Topics.configTopic(DEVICE) + " {\"version\":\"v2\"}"));
        assertThat(received.get(0)).isEqualTo(Topics.configTopic(DEVICE) + " {\"version\":\"v1\"}");
    }

    @Test
    void a_message_sent_while_the_hub_is_away_arrives_when_it_is_back() throws Exception {
        startUplink();
        await().atMost(Duration.ofSeconds(10)).until(uplink::isConnected);
        hub.stop();

        var sent = uplink.publish(telemetry(1));
        hub.start();

        // CoAP retransmits a confirmable request (after 2-3 s, then doubling) until it is answered
        sent.get(30, TimeUnit.SECONDS);
        assertThat(posted).containsExactly("kioskops/v1/" + DEVICE + "/telemetry {\"seq\":1}");
    }
}
