package org.kioskops.hub.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kioskops.hub.ingest.IngestMetrics;
import org.kioskops.hub.ingest.IngestPipeline;
import org.kioskops.hub.ingest.RejectionLog;
import org.kioskops.hub.mqtt.PahoIngestClient;

/** What the hub received: counts, and why messages were refused. */
@Path("/api/ingest")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ingest")
public class IngestResource {
    @Inject
    IngestMetrics metrics;

    @Inject
    IngestPipeline pipeline;

    @Inject
    RejectionLog rejections;

    @Inject
    PahoIngestClient mqtt;

    /** Counts since the hub started, by message kind or rejection reason. */
    public record Stats(boolean mqttConnected, String broker, int queued, Map<String, Long> accepted,
                        Map<String, Long> rejected, Map<String, Long> duplicates, long cleared) {
    }

    /** One refused message. */
    public record RejectionDto(Instant at, String topic, String deviceId, String code, String field, String detail) {
    }

    @GET
    @Path("stats")
    @Operation(summary = "Messages accepted, rejected by reason, and duplicates, since the hub started")
    public Stats stats() {
        IngestMetrics.Snapshot s = metrics.snapshot();
        return new Stats(mqtt.isConnected(), mqtt.url(), pipeline.queued(), s.accepted(), s.rejected(), s.duplicates(), s.cleared());
    }

    @GET
    @Path("rejections")
    @Operation(summary = "The most recent rejected messages with the reason and offending field, newest first")
    public List<RejectionDto> rejections(@QueryParam("deviceId") String deviceId,
                                         @QueryParam("limit") @DefaultValue("100") int limit) {
        return rejections.recent(deviceId, Math.max(1, Math.min(limit, 500))).stream()
                .map(r -> new RejectionDto(r.at(), r.topic(), r.deviceId(), r.code(), r.field(), r.detail()))
                .toList();
    }
}
