package org.kioskops.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Registers a simulated fleet with a hub over its REST API, the way an operator's provisioning script
 * would: idempotent PUTs of every site node, parents first, then one CSV import of every kiosk that gives
 * each a new MQTT secret (the hub keeps only hashes, so a fresh run cannot learn the previous ones).
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
        HttpRequest ready = HubApi.request(hub.resolve("/q/health/ready")).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not up yet
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        return false;
    }

    /**
     * Registers every site and kiosk of {@code plan} and issues each kiosk a new secret; fails on the first
     * refusal, naming it.
     *
     * @return each kiosk's secret by device id
     */
    public Map<String, String> register(FleetPlan plan) throws IOException, InterruptedException {
        for (FleetPlan.SiteNode site : plan.sites()) {
            ObjectNode body = JSON.createObjectNode().put("kind", site.kind()).put("name", site.name());
            if (site.parentId() != null) {
                body.put("parentId", site.parentId());
            }
            put("/api/sites/" + site.id(), body);
        }
        StringBuilder csv = new StringBuilder("device_id,site_id,hardware_model\n");
        for (FleetPlan.KioskPlan kiosk : plan.kiosks()) {
            csv.append(kiosk.deviceId()).append(',').append(kiosk.siteId()).append(',').append(kiosk.hardwareModel()).append('\n');
        }
        HttpRequest request = HubApi.request(hub.resolve("/api/device-imports?credentials=rotate"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "text/csv")
                .header("X-KioskOps-Actor", "kioskops-sim")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("hub refused the import of " + plan.kiosks().size() + " kiosks: HTTP " + response.statusCode()
                    + " " + response.body());
        }
        JsonNode result = JSON.readTree(response.body());
        if (!result.path("errors").isEmpty()) {
            throw new IOException("hub refused kiosks of the import: " + result.path("errors"));
        }
        Map<String, String> secrets = new HashMap<>();
        result.path("credentials").forEach(c -> secrets.put(c.path("deviceId").asText(), c.path("secret").asText()));
        return secrets;
    }

    /**
     * Gives {@code siteId} (and so its subtree) the service hours the simulated kiosks keep, every day in
     * {@code zone}: their screens are off outside them, which the hub must not count as dark screens.
     */
    public void declareServiceHours(String siteId, ZoneId zone) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("zone", zone.getId());
        var week = body.putArray("week");
        for (DayOfWeek day : DayOfWeek.values()) {
            week.addObject().put("day", day.name().toLowerCase(Locale.ROOT))
                    .put("opens", KioskBehaviour.SERVICE_START.toString()).put("closes", KioskBehaviour.SERVICE_END.toString());
        }
        put("/api/sites/" + q(siteId) + "/service-hours", body);
    }

    private static String q(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Issues {@code deviceId} a DTLS pre-shared key for CoAP (replacing its MQTT secret); returns the key. */
    public String issuePsk(String deviceId) throws IOException, InterruptedException {
        HttpRequest request = HubApi.request(hub.resolve("/api/devices/" + q(deviceId) + "/credentials/psk"))
                .timeout(Duration.ofSeconds(10)).header("X-KioskOps-Actor", "kioskops-sim").POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("hub refused a pre-shared key for " + deviceId + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("key").asText();
    }

    /** Saves the CA certificate the hub's broker uses for TLS into {@code file}. */
    public void downloadBrokerCa(Path file) throws IOException, InterruptedException {
        HttpRequest request = HubApi.request(hub.resolve("/api/broker/ca.pem")).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("hub has no broker CA to give: HTTP " + response.statusCode() + " " + response.body());
        }
        Files.writeString(file, response.body(), StandardCharsets.US_ASCII);
    }

    /**
     * Writes the hub's first trusted release public key to {@code file}, for the kiosks to pin.
     *
     * @return false when the hub trusts no release key (its kiosks then refuse every update)
     */
    public boolean downloadReleaseKey(Path file) throws IOException, InterruptedException {
        HttpRequest request = HubApi.request(hub.resolve("/api/releases/keys")).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("hub did not list its release keys: HTTP " + response.statusCode() + " " + response.body());
        }
        var keys = JSON.readTree(response.body());
        if (!keys.fields().hasNext()) {
            return false;
        }
        Files.writeString(file, keys.fields().next().getValue().asText(), StandardCharsets.US_ASCII);
        return true;
    }

    private void put(String path, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest request = HubApi.request(hub.resolve(path))
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
