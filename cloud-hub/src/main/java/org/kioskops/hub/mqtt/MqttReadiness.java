package org.kioskops.hub.mqtt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.kioskops.hub.broker.BrokerAccessSync;
import org.kioskops.hub.ingest.IngestPipeline;

/** Ready when the hub is connected to its broker and subscribed, and the broker's accounts are up to date. */
@Readiness
@ApplicationScoped
public class MqttReadiness implements HealthCheck {
    @Inject
    PahoIngestClient client;

    @Inject
    IngestPipeline pipeline;

    @Inject
    BrokerAccessSync access;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("mqtt")
                .status(client.isConnected() && !access.isStale())
                .withData("brokerAccountsCurrent", !access.isStale())
                .withData("broker", String.valueOf(client.url()))
                .withData("queued", pipeline.queued())
                .build();
    }
}
