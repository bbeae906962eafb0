package org.kioskops.agent.coap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.kioskops.agent.config.MqttSettings;
import org.kioskops.agent.uplink.OutboundMessage;
import org.kioskops.agent.uplink.Uplink;
import org.kioskops.connectivity.ReconnectBackoff;
import org.kioskops.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Uplink} over CoAP with DTLS and the device's pre-shared key (docs/coap.md), for boxes on links where MQTT
 * over TCP is too heavy. A message is a confirmable POST to its topic's path, acknowledged when the hub answers
 * (which it does only once the message is stored); a refusal (4.xx) is final, as a broker's acknowledgement of a
 * message the hub then rejects. "Connected" means the last exchange with the hub succeeded: a CoAP ping at start
 * and after a failure, with backoff. The hub's configuration and commands arrive through observe. There is no
 * will: the hub notices a silent box from the keep-alive declared in its birth.
 */
public final class CoapUplink implements Uplink {
    private static final Logger LOG = LoggerFactory.getLogger(CoapUplink.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String deviceId;
    private final MqttSettings settings;
    private final ReconnectBackoff backoff;
    private final String base;
    private ConnectionHandler handler;
    private CoapEndpoint endpoint;
    private CoapClient client;
    private List<CoapObserveRelation> observations = List.of();
    /** The clients of the observations: each may hold a timer thread of its own until shut down. */
    private final List<CoapClient> observers = new ArrayList<>();
    private volatile boolean connected;
    private volatile boolean stopped;
    private int failedAttempts;

    /**
     * @param settings  {@code url} is {@code coaps://host:port}; the secret ({@code password}/{@code passwordFile}) is
     *                  the pre-shared key, re-read at every (re)connection
     * @param scheduler runs reconnect timers; may be shared by many uplinks
     */
    public CoapUplink(String deviceId, MqttSettings settings, ScheduledExecutorService scheduler, Random random) {
        this.deviceId = deviceId;
        this.settings = settings;
        this.backoff = new ReconnectBackoff(settings.reconnectMinDelayMillis(), settings.reconnectMaxDelayMillis(), random, scheduler, deviceId);
        URI url = URI.create(settings.url());
        this.base = "coaps://" + url.getHost() + ":" + (url.getPort() < 0 ? 5684 : url.getPort()) + "/";
    }

    @Override
    public synchronized void start(ConnectionHandler handler) {
        this.handler = handler;
        scheduleConnect(0);
    }

    private void connect() {
        CoapClient ping;
        synchronized (this) {
            if (stopped) {
                return;
            }
            handler.willForNextConnection(); // no will over CoAP, but the session number is reserved all the same
            try {
                open(settings.secret());
            } catch (IOException | RuntimeException e) {
                failed("cannot read the pre-shared key: " + e.getMessage());
                return;
            }
            ping = client;
        }
        // a ping makes the DTLS handshake and proves the hub answers
        boolean answered = ping.ping(settings.connectTimeoutSeconds() * 1000L);
        synchronized (this) {
            if (stopped || ping != client) {
                return;
            }
            if (!answered) {
                failed("no answer from " + settings.url() + " (DTLS handshake refused or hub unreachable)");
                return;
            }
            connected = true;
            failedAttempts = 0;
            LOG.info("{} connected to {} over CoAP/DTLS", deviceId, settings.url());
            observations = handler.subscriptions().stream().map(this::observe).toList();
        }
        handler.connected(false);
    }

    /** A fresh endpoint with the current key: a rotated key takes effect at the next connection. */
    private void open(String key) {
        close(false);
        endpoint = DtlsClients.endpoint(deviceId, key, settings.maxInFlight());
        client = new CoapClient(base);
        client.setEndpoint(endpoint);
        client.setTimeout(settings.connectTimeoutSeconds() * 1000L);
    }

    /** Observes the resource of a topic the agent subscribes to: its configuration, its commands. */
    private CoapObserveRelation observe(String topic) {
        CoapClient observer = new CoapClient(base + resourceOf(topic));
        observer.setEndpoint(endpoint);
        observers.add(observer);
        return observer.observe(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                if (response.isSuccess()) {
                    deliver(topic, response.getPayload());
                } else {
                    LOG.warn("{} cannot follow {}: {} {}", deviceId, topic, response.getCode(), response.getResponseText());
                }
            }

            @Override
            public void onError() {
                LOG.debug("{} observation of {} failed; renewed at the next connection", deviceId, topic);
            }
        });
    }

    /** The hub's commands come as an array of pending ones; each goes to the agent as MQTT would deliver it. */
    private void deliver(String topic, byte[] payload) {
        if (payload.length == 0) {
            return;
        }
        if (!topic.equals(Topics.commandTopic(deviceId))) {
            handler.received(topic, payload, null);
            return;
        }
        try {
            for (JsonNode command : JSON.readTree(payload)) {
                handler.received(topic, JSON.writeValueAsBytes(command), null);
            }
        } catch (IOException e) {
            LOG.warn("{} pending commands unreadable: {}", deviceId, e.getMessage());
        }
    }

    /** {@code kioskops/v1/{id}/command} is followed at {@code .../commands}; other topics at their own path. */
    private static String resourceOf(String topic) {
        return topic.endsWith("/command") ? topic + "s" : topic;
    }

    private void failed(String cause) {
        connected = false;
        failedAttempts++;
        long delay = backoff.delayMillis(failedAttempts);
        if (failedAttempts == 1) {
            LOG.warn("{} cannot reach {}: {}; retrying with backoff", deviceId, settings.url(), cause);
        } else {
            LOG.debug("{} attempt {} failed: {}; next in {} ms", deviceId, failedAttempts, cause, delay);
        }
        handler.disconnected(cause);
        scheduleConnect(delay);
    }

    private void scheduleConnect(long delayMillis) {
        if (!stopped) {
            backoff.schedule(this::connect, delayMillis);
        }
    }

    /** The hub answers a post only once it stored the message: no receipt needed. */
    @Override
    public boolean confirmsStorage() {
        return true;
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public int inFlightLimit() {
        return settings.maxInFlight();
    }

    @Override
    public CompletableFuture<Void> publish(OutboundMessage message) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CoapClient current;
        CoapEndpoint through;
        synchronized (this) {
            current = client;
            through = endpoint;
        }
        if (current == null || through == null || !connected) {
            done.completeExceptionally(new IOException("not connected"));
            return done;
        }
        Request request = Request.newPost();
        request.setURI(base + message.topic());
        request.setPayload(message.payload());
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
        request.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                CoAP.ResponseCode code = response.getCode();
                if (code == CoAP.ResponseCode.CHANGED) {
                    done.complete(null);
                } else if (code.codeClass == 4) {
                    // refused for good: sending it again would be refused again
                    LOG.warn("{} message seq {} refused by the hub: {} {}", deviceId, message.seq(), code, response.getPayloadString());
                    done.complete(null);
                } else {
                    done.completeExceptionally(new IOException("hub answered " + code + " " + response.getPayloadString()));
                }
            }

            @Override
            protected void failed() {
                done.completeExceptionally(new IOException("no answer from the hub"));
                lost(current);
            }
        });
        through.sendRequest(request);
        return done;
    }

    /** A request went unanswered: the link is down until a ping gets through again. */
    private void lost(CoapClient failedOn) {
        synchronized (this) {
            if (stopped || failedOn != client || !connected) {
                return;
            }
            connected = false;
        }
        handler.disconnected("no answer from the hub");
        scheduleConnect(backoff.delayMillis(1));
    }

    @Override
    public void disconnect(Duration timeout) {
        close(true);
    }

    @Override
    public void abort() {
        close(true);
    }

    @Override
    public void close() {
        close(true);
    }

    private synchronized void close(boolean stop) {
        stopped |= stop;
        connected = false;
        observations.forEach(CoapObserveRelation::reactiveCancel);
        observations = List.of();
        observers.forEach(CoapClient::shutdown);
        observers.clear();
        if (client != null) {
            client.shutdown();
            client = null;
        }
        if (endpoint != null) {
            endpoint.destroy();
            endpoint = null;
        }
    }
}
