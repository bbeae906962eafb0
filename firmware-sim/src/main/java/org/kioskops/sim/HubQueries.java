package org.kioskops.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.kioskops.protocol.time.ScaledClock;

/** The hub's REST API as the simulator's commands read it: scenario expectations, detection measurements. */
public final class HubQueries {
    private final URI hub;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    public HubQueries(URI hub) {
        this.hub = hub;
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HubApi.request(hub.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return json.readTree(r.body());
    }

    /** How many devices in the site subtree have {@code status}. */
    public long devices(String site, String status) throws IOException, InterruptedException {
        return get("/api/devices?site=" + q(site) + "&status=" + q(status) + "&limit=1").path("total").asLong();
    }

    /**
     * The hub's clock, built here from its speed and anchor ({@code GET /api/clock}): wall time, or the same
     * accelerated time the hub runs on.
     */
    public Clock clock() throws IOException, InterruptedException {
        JsonNode c = get("/api/clock");
        double speed = c.path("speed").asDouble(1);
        return speed == 1.0 ? Clock.systemUTC() : ScaledClock.of(Clock.systemUTC(), Instant.parse(c.path("anchor").asText()), speed);
    }

    public JsonNode device(String id) throws IOException, InterruptedException {
        return get("/api/devices/" + q(id));
    }

    /** Alerts of every status of {@code type} in the site subtree, for one device when given. */
    public JsonNode alerts(String site, String type, String device) throws IOException, InterruptedException {
        return get("/api/alerts?site=" + q(site) + "&type=" + q(type) + (device == null ? "" : "&device=" + q(device)) + "&limit=1000");
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
