package org.kioskops.hub.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kioskops.hub.update.CampaignService;

/** Campaigns as the REST API shows them: states in lower case, as everywhere in the API. */
public final class CampaignDtos {
    private CampaignDtos() {
    }

    /** Devices per state. */
    public record Counts(int total, Map<String, Integer> byState) {
        static Counts of(CampaignService.Counts c) {
            Map<String, Integer> by = new LinkedHashMap<>();
            c.byState().forEach((state, n) -> by.put(lower(state), n));
            return new Counts(c.total(), by);
        }
    }

    /** A campaign with its progress. */
    public record Campaign(long id, String name, long releaseId, String releaseKind, String releaseVersion, String target, String waves,
                           int successPercent, Integer failureLimit, Integer failurePercent, String windowOpens, String windowCloses,
                           String windowZone, boolean approveEachWave, boolean allowDowngrade, String state, String stateReason,
                           int currentWave, int waveCount, Counts progress, List<Counts> perWave, Instant createdAt, String createdBy,
                           Instant updatedAt) {
        static Campaign of(CampaignService.View v) {
            return new Campaign(v.id(), v.name(), v.releaseId(), v.releaseKind(), v.releaseVersion(), v.target(), v.waves(), v.successPercent(),
                    v.failureLimit(), v.failurePercent(), v.windowOpens(), v.windowCloses(), v.windowZone(), v.approveEachWave(),
                    v.allowDowngrade(), lower(v.state()), v.stateReason(), v.currentWave(), v.waveCount(), Counts.of(v.progress()),
                    v.perWave().stream().map(Counts::of).toList(), v.createdAt(), v.createdBy(), v.updatedAt());
        }
    }

    /** One device's deployment. */
    public record Deployment(long deploymentId, String deviceId, int wave, String state, String fromVersion, String runningVersion,
                             String code, String detail, Long bytes, Instant notifiedAt, Instant reportedAt) {
        static Deployment of(CampaignService.DeploymentView d) {
            return new Deployment(d.deploymentId(), d.deviceId(), d.wave(), lower(d.state()), d.fromVersion(), d.runningVersion(), d.code(),
                    d.detail(), d.bytes(), d.notifiedAt(), d.reportedAt());
        }
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
