package org.kioskops.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Registers a simulated fleet with a hub over its REST API, the way an operator's provisioning script
 * would: idempotent PUTs of every site node, parents first, then every kiosk.
 */
public final class HubRegistrar {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI hub;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public HubRegistrar(URI hub) {
        this.hub = hub;
    }

    /**
     * Waits until the hub answers its readiness check (connected to its broker), up to {@code timeout}.
     *
     * @return whether it became ready in time
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(hub.resolve("/q/health/ready")).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not up yet
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        return false;
    }

    /** Registers every site and kiosk of {@code plan}; fails on the first refusal, naming it. */
    public void register(FleetPlan plan) throws IOException, InterruptedException {
        for (FleetPlan.SiteNode site : plan.sites()) {
            ObjectNode body = JSON.createObjectNode().put("kind", site.kind()).put("name", site.name());
            if (site.parentId() != null) {
                body.put("parentId", site.parentId());
            }
            put("/api/sites/" + site.id(), body);
        }
        for (FleetPlan.KioskPlan kiosk : plan.kiosks()) {
            put("/api/devices/" + kiosk.deviceId(), JSON.createObjectNode()
                    .put("siteId", kiosk.siteId())
                    .put("hardwareModel", kiosk.hardwareModel()));
        }
    }

    private void put(String path, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(hub.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("hub refused PUT " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }
}
