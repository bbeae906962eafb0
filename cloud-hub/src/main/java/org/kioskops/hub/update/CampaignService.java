package org.kioskops.hub.update;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.config.UploadConfig;
import org.kioskops.hub.error.HubException;

/**
 * Rollout campaigns: a release sent to a fleet subset in waves. Creating one resolves its target to devices
 * and assigns them to waves (spread by a shuffle seeded with the campaign id, so a canary is not one
 * building); {@link RolloutEngine} notifies and advances; operators approve, pause, resume and abort here.
 * Every decision is audited.
 */
@ApplicationScoped
public class CampaignService {
    private static final int MAX_NAME = 200;
    private static final int MAX_TARGET = 2000;
    private static final Set<DeploymentState> NOT_BEGUN = EnumSet.of(DeploymentState.NOTIFIED, DeploymentState.DOWNLOADING,
            DeploymentState.DOWNLOADED);

    private final CampaignStore campaigns;
    private final FleetDirectory fleet;
    private final OrderWithdrawals withdrawals;
    private final AuditLog audit;
    private final UploadConfig config;
    private final Clock clock;

    @Inject
    CampaignService(CampaignStore campaigns, FleetDirectory fleet, OrderWithdrawals withdrawals, AuditLog audit, UploadConfig config,
                    Clock clock) {
        this.campaigns = campaigns;
        this.fleet = fleet;
        this.withdrawals = withdrawals;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /**
     * What a campaign is to do.
     *
     * @param siteId         a node of the site tree (district, street, community or site): its whole subtree
     * @param hardwareModel  only devices of this model
     * @param tag            only devices with this tag
     * @param deviceIds      only these devices
     * @param successPercent share of a wave that must succeed before the next starts (default 90)
     * @param failureLimit   failures in a wave that pause the campaign (count)
     * @param failurePercent share of a wave failing that pauses the campaign (default 10 when no count is given)
     * @param windowOpens    start of the daily maintenance window, {@code HH:mm} in each site's local time
     * @param windowCloses   its end; before {@code windowOpens} for a window over midnight
     * @param windowZone     zone for sites without service hours (whose zone is the site's own), default UTC
     */
    public record Plan(String name, Long releaseId, String siteId, String hardwareModel, String tag, List<String> deviceIds, String waves,
                       Integer successPercent, Integer failureLimit, Integer failurePercent, String windowOpens, String windowCloses,
                       String windowZone, boolean approveEachWave, boolean allowDowngrade) {
    }

    /** Devices per state, overall or in one wave. */
    public record Counts(int total, Map<DeploymentState, Integer> byState) {
    }

    /** A campaign as the API shows it. */
    public record View(long id, String name, long releaseId, String releaseKind, String releaseVersion, String target, String waves,
                       int successPercent, Integer failureLimit, Integer failurePercent, String windowOpens, String windowCloses,
                       String windowZone, boolean approveEachWave, boolean allowDowngrade, CampaignState state, String stateReason,
                       int currentWave, int waveCount, Counts progress, List<Counts> perWave, Instant createdAt, String createdBy,
                       Instant updatedAt) {
    }

    /** One device's deployment as the API shows it. */
    public record DeploymentView(long deploymentId, String deviceId, int wave, DeploymentState state, String fromVersion,
                                 String runningVersion, String code, String detail, Long bytes, Instant notifiedAt, Instant reportedAt) {
        static DeploymentView of(Deployment d) {
            return new DeploymentView(d.id, d.deviceId, d.wave, d.state, d.fromVersion, d.runningVersion, d.code, d.detail, d.bytes,
                    d.notifiedAt, d.reportedAt);
        }
    }

    @Transactional
    public View create(Plan plan, String actor) {
        if (plan.name() == null || plan.name().isBlank() || plan.name().length() > MAX_NAME) {
            throw invalid("name is required (up to " + MAX_NAME + " characters)");
        }
        if (config.publicUrl().isEmpty()) {
            throw new HubException(UpdateError.NO_PUBLIC_URL, "set kioskops.uploads.public-url to the URL at which devices reach this hub");
        }
        Release release = (plan.releaseId() == null ? Optional.<Release>empty() : campaigns.release(plan.releaseId()))
                .orElseThrow(() -> new HubException(UpdateError.RELEASE_NOT_FOUND, "release " + plan.releaseId() + " does not exist"));
        WavePlan waves;
        try {
            waves = WavePlan.parse(plan.waves());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        int success = plan.successPercent() == null ? 90 : plan.successPercent();
        if (success < 1 || success > 100) {
            throw invalid("successPercent must be 1 to 100");
        }
        Integer failurePercent = plan.failurePercent() == null && plan.failureLimit() == null ? Integer.valueOf(10) : plan.failurePercent();
        if (failurePercent != null && (failurePercent < 1 || failurePercent > 100)) {
            throw invalid("failurePercent must be 1 to 100");
        }
        if (plan.failureLimit() != null && plan.failureLimit() < 1) {
            throw invalid("failureLimit must be at least 1");
        }
        checkWindow(plan);
        List<FleetDirectory.Candidate> targeted = resolveTarget(plan, release);
        List<String> devices = targeted.stream().map(FleetDirectory.Candidate::deviceId).toList();
        if (devices.isEmpty()) {
            throw new HubException(UpdateError.EMPTY_TARGET, "no registered device matches the target and the release's hardware models "
                    + Arrays.asList(release.hardwareModels.split(",")));
        }
        List<String> busy = campaigns.updating(devices);
        if (!busy.isEmpty()) {
            throw new HubException(UpdateError.DEVICE_BUSY, busy.size() + " devices are still updating in another campaign: "
                    + busy.stream().limit(10).collect(Collectors.joining(", ")));
        }
        Instant now = clock.instant();
        Campaign c = new Campaign();
        c.name = plan.name().strip();
        c.releaseId = release.id;
        c.target = describeTarget(plan);
        c.waves = waves.spec();
        c.successPercent = success;
        c.failureLimit = plan.failureLimit();
        c.failurePercent = failurePercent;
        c.windowOpens = plan.windowOpens();
        c.windowCloses = plan.windowCloses();
        c.windowZone = plan.windowZone();
        c.approveEachWave = plan.approveEachWave();
        c.allowDowngrade = plan.allowDowngrade();
        c.state = plan.approveEachWave() ? CampaignState.WAITING_APPROVAL : CampaignState.RUNNING;
        c.stateReason = plan.approveEachWave() ? "wave 1 waits for approval" : null;
        c.currentWave = 0;
        c.createdAt = now;
        c.createdBy = actor;
        c.updatedAt = now;
        List<Integer> sizes = waves.sizes(devices.size());
        c.waveCount = sizes.size();
        campaigns.add(c);
        List<String> shuffled = new ArrayList<>(devices);
        Collections.shuffle(shuffled, new Random(c.id));
        Map<String, String> versions = new HashMap<>();
        targeted.stream().filter(t -> t.runningVersion() != null).forEach(t -> versions.put(t.deviceId(), t.runningVersion()));
        List<Deployment> deployments = new ArrayList<>();
        int next = 0;
        for (int wave = 1; wave <= sizes.size(); wave++) {
            for (int i = 0; i < sizes.get(wave - 1); i++) {
                Deployment d = new Deployment();
                d.campaignId = c.id;
                d.deviceId = shuffled.get(next++);
                d.wave = wave;
                d.state = DeploymentState.PENDING;
                d.fromVersion = versions.get(d.deviceId);
                d.updatedAt = now;
                deployments.add(d);
            }
        }
        campaigns.addDeployments(deployments);
        audit.record(actor, "campaign.create", "campaign:" + c.id, c.name + ": " + release.kind + " " + release.version + " to "
                + devices.size() + " devices in waves " + sizes);
        return view(c);
    }

    private static void checkWindow(Plan plan) {
        if ((plan.windowOpens() == null) != (plan.windowCloses() == null)) {
            throw invalid("a maintenance window needs both windowOpens and windowCloses (HH:mm)");
        }
        try {
            if (plan.windowOpens() != null) {
                LocalTime.parse(plan.windowOpens());
                LocalTime.parse(plan.windowCloses());
            }
            if (plan.windowZone() != null) {
                ZoneId.of(plan.windowZone());
            }
        } catch (DateTimeException e) {
            throw invalid("window times are HH:mm and the zone an id such as Asia/Shanghai: " + e.getMessage());
        }
    }

    private List<FleetDirectory.Candidate> resolveTarget(Plan plan, Release release) {
        Set<String> models = Set.of(release.hardwareModels.split(","));
        if (plan.siteId() != null && !fleet.siteExists(plan.siteId())) {
            throw invalid("site " + plan.siteId() + " does not exist");
        }
        Set<String> only = plan.deviceIds() == null || plan.deviceIds().isEmpty() ? null : Set.copyOf(plan.deviceIds());
        return fleet.registered().stream()
                .filter(d -> only == null || only.contains(d.deviceId()))
                .filter(d -> plan.tag() == null || d.tags().contains(plan.tag()))
                .filter(d -> plan.siteId() == null || d.sites().contains(plan.siteId()))
                .filter(d -> d.model() != null && models.contains(d.model()) && (plan.hardwareModel() == null || plan.hardwareModel().equals(d.model())))
                .sorted(Comparator.comparing(FleetDirectory.Candidate::deviceId)).toList();
    }

    private static String describeTarget(Plan plan) {
        List<String> parts = new ArrayList<>();
        if (plan.siteId() != null) {
            parts.add("site " + plan.siteId());
        }
        if (plan.hardwareModel() != null) {
            parts.add("model " + plan.hardwareModel());
        }
        if (plan.tag() != null) {
            parts.add("tag " + plan.tag());
        }
        if (plan.deviceIds() != null && !plan.deviceIds().isEmpty()) {
            parts.add(plan.deviceIds().size() + " listed devices");
        }
        String target = parts.isEmpty() ? "every registered device the release fits" : String.join(", ", parts);
        return target.length() <= MAX_TARGET ? target : target.substring(0, MAX_TARGET);
    }

    @Transactional
    public List<View> list() {
        return campaigns.newestFirst().stream().map(this::view).toList();
    }

    @Transactional
    public View get(long id) {
        return view(require(id));
    }

    @Transactional
    public List<DeploymentView> deployments(long id) {
        require(id);
        return campaigns.deployments(id).stream().map(DeploymentView::of).toList();
    }

    /** Lets the next wave start (or the first, for a campaign that approves each wave). */
    @Transactional
    public View approve(long id, String actor) {
        Campaign c = require(id);
        if (c.state != CampaignState.WAITING_APPROVAL) {
            throw new HubException(UpdateError.CAMPAIGN_STATE, "campaign " + id + " is " + c.state.name().toLowerCase() + ", not waiting for approval");
        }
        c.currentWave++;
        c.failuresAccepted = 0;
        transition(c, CampaignState.RUNNING, null, actor, "campaign.approve", "wave " + c.currentWave + " approved");
        return view(c);
    }

    @Transactional
    public View pause(long id, String actor, String reason) {
        Campaign c = require(id);
        if (c.state != CampaignState.RUNNING && c.state != CampaignState.WAITING_APPROVAL) {
            throw new HubException(UpdateError.CAMPAIGN_STATE, "campaign " + id + " is " + c.state.name().toLowerCase() + " and cannot be paused");
        }
        transition(c, CampaignState.PAUSED, "paused by " + actor + (reason == null ? "" : ": " + reason), actor, "campaign.pause", reason);
        return view(c);
    }

    /** Carries on after a pause, also after one the failure threshold caused (the operator has looked). */
    @Transactional
    public View resume(long id, String actor) {
        Campaign c = require(id);
        if (c.state != CampaignState.PAUSED) {
            throw new HubException(UpdateError.CAMPAIGN_STATE, "campaign " + id + " is " + c.state.name().toLowerCase() + ", not paused");
        }
        c.failuresAccepted = campaigns.deployments(c.id).stream()
                .filter(d -> d.wave == c.currentWave && DeploymentState.FAILURES.contains(d.state)).count();
        transition(c, CampaignState.RUNNING, null, actor, "campaign.resume", "failures accepted so far: " + c.failuresAccepted);
        return view(c);
    }

    /** Stops for good: pending devices are cancelled; the engine tells notified ones to cancel. */
    @Transactional
    public View abort(long id, String actor, String reason) {
        Campaign c = require(id);
        if (c.state.isOver()) {
            throw new HubException(UpdateError.CAMPAIGN_STATE, "campaign " + id + " is already " + c.state.name().toLowerCase());
        }
        campaigns.cancelPending(c.id, "campaign aborted", clock.instant());
        // devices that have the order but have not begun to install are told to drop it; the rest finish (a half
        // install is worse than a finished one) and report as usual
        withdrawals.withdraw(campaigns.deployments(c.id).stream().filter(d -> NOT_BEGUN.contains(d.state)).toList(), clock.instant());
        transition(c, CampaignState.ABORTED, "aborted by " + actor + (reason == null ? "" : ": " + reason), actor, "campaign.abort", reason);
        return view(c);
    }

    private void transition(Campaign c, CampaignState to, String reason, String actor, String action, String detail) {
        c.state = to;
        c.stateReason = reason;
        c.updatedAt = clock.instant();
        audit.record(actor, action, "campaign:" + c.id, detail == null ? to.name().toLowerCase() : detail);
    }

    private Campaign require(long id) {
        return campaigns.find(id).orElseThrow(() -> new HubException(UpdateError.CAMPAIGN_NOT_FOUND, "campaign " + id + " does not exist"));
    }

    private View view(Campaign c) {
        Release release = campaigns.release(c.releaseId).orElseThrow();
        List<Deployment> all = campaigns.deployments(c.id);
        List<Counts> perWave = new ArrayList<>();
        for (int wave = 1; wave <= c.waveCount; wave++) {
            int w = wave;
            perWave.add(counts(all.stream().filter(d -> d.wave == w).toList()));
        }
        return new View(c.id, c.name, c.releaseId, release.kind, release.version, c.target, c.waves, c.successPercent, c.failureLimit,
                c.failurePercent, c.windowOpens, c.windowCloses, c.windowZone, c.approveEachWave, c.allowDowngrade, c.state, c.stateReason,
                c.currentWave, c.waveCount, counts(all), perWave, c.createdAt, c.createdBy, c.updatedAt);
    }

    static Counts counts(List<Deployment> deployments) {
        Map<DeploymentState, Integer> by = new EnumMap<>(DeploymentState.class);
        deployments.forEach(d -> by.merge(d.state, 1, Integer::sum));
        return new Counts(deployments.size(), new LinkedHashMap<>(by));
    }

    private static HubException invalid(String detail) {
        return new HubException(UpdateError.INVALID_CAMPAIGN, detail);
    }
}
