package org.kioskops.hub.update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Campaigns, deployments and releases in memory, for the campaign service tested without a database. */
final class MemoryCampaignStore implements CampaignStore {
    private final Map<Long, Release> releases = new LinkedHashMap<>();
    private final Map<Long, Campaign> campaigns = new LinkedHashMap<>();
    private final List<Deployment> deployments = new ArrayList<>();
    private long lastId;

    /** Keeps a release of {@code kind} {@code version} for these hardware models (comma-separated). */
    Release release(String kind, String version, String hardwareModels) {
        Release r = new Release();
        r.id = ++lastId;
        r.kind = kind;
        r.version = version;
        r.hardwareModels = hardwareModels;
        releases.put(r.id, r);
        return r;
    }

    @Override
    public Optional<Release> release(long id) {
        return Optional.ofNullable(releases.get(id));
    }

    @Override
    public Optional<Campaign> find(long id) {
        return Optional.ofNullable(campaigns.get(id));
    }

    @Override
    public List<Campaign> newestFirst() {
        return campaigns.values().stream().sorted(Comparator.comparing((Campaign c) -> c.id).reversed()).toList();
    }

    @Override
    public void add(Campaign campaign) {
        campaign.id = ++lastId;
        campaigns.put(campaign.id, campaign);
    }

    @Override
    public void addDeployments(List<Deployment> added) {
        for (Deployment d : added) {
            d.id = ++lastId;
            deployments.add(d);
        }
    }

    @Override
    public List<Deployment> deployments(long campaignId) {
        return deployments.stream().filter(d -> d.campaignId == campaignId)
                .sorted(Comparator.comparing((Deployment d) -> d.wave).thenComparing(d -> d.deviceId)).toList();
    }

    @Override
    public List<String> updating(Collection<String> deviceIds) {
        return deployments.stream()
                .filter(d -> deviceIds.contains(d.deviceId) && DeploymentState.IN_PROGRESS.contains(d.state))
                .filter(d -> !campaigns.get(d.campaignId).state.isOver())
                .map(d -> d.deviceId).distinct().sorted().toList();
    }

    @Override
    public int cancelPending(long campaignId, String detail, Instant at) {
        int cancelled = 0;
        for (Deployment d : deployments(campaignId)) {
            if (d.state == DeploymentState.PENDING) {
                d.state = DeploymentState.CANCELLED;
                d.detail = detail;
                d.updatedAt = at;
                cancelled++;
            }
        }
        return cancelled;
    }
}
