package org.kioskops.hub.mqtt;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.kioskops.hub.broker.BrokerAccessSync;
import org.kioskops.hub.broker.EmbeddedBrokerProcess;
import org.kioskops.hub.config.MqttConfig;
import org.kioskops.hub.ingest.IngestPipeline;

/**
 * Starts the path from broker to database in order (ingest workers, the broker's accounts, then the
 * embedded broker if no external one is configured, then the MQTT client) and stops it in reverse, so that messages in hand are
 * stored and acknowledged before the connection closes.
 */
@ApplicationScoped
public class MqttLifecycle {
    @Inject
    MqttConfig config;

    @Inject
    IngestPipeline pipeline;

    @Inject
    EmbeddedBrokerProcess embeddedBroker;

    @Inject
    PahoIngestClient client;

    @Inject
    BrokerAccessSync access;

    void onStart(@Observes StartupEvent event) {
        pipeline.start();
        // the broker's accounts first: the embedded broker admits only them, the hub's own included
        access.sync();
        String url = config.url().orElseGet(() -> embeddedBroker.start(access.directory().orElseThrow()));
        client.start(url);
    }

    void onStop(@Observes ShutdownEvent event) {
        pipeline.stop(Duration.ofSeconds(10));
        client.stop();
        embeddedBroker.stop();
    }
}
