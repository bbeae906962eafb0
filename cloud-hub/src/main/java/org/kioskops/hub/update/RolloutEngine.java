package org.kioskops.hub.update;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.device.Connection;
import org.kioskops.hub.device.Device;
import org.kioskops.hub.device.DeviceState;
import org.kioskops.hub.site.ServiceCalendar;
import org.kioskops.hub.twin.DeviceDownlink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives running campaigns, a few times a minute: pauses a campaign whose current wave fails beyond its
 * threshold, moves to the next wave (or asks for approval) once enough of the wave succeeded, completes it when
 * every device is done, and sends the order to pending devices of the waves so far that are online and inside
 * the maintenance window in their site's local time. Orders are retained, so a device that drops off meanwhile
 * still gets its order when it returns.
 */
@ApplicationScoped
public class RolloutEngine implements OrderWithdrawals {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutEngine.class);
    private static final String ACTOR = "hub";

    @Inject
    Clock clock;

    @Inject
    UpdateConfig config;

    @Inject
    DeviceDownlink downlink;

    @Inject
    ServiceCalendar calendar;

    @Inject
    AuditLog audit;

    @Inject
    UpdateOrders orders;

    @Inject
    Event<UpdateOrdered> ordered;

    @Scheduled(every = "${kioskops.updates.rollout-check}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        List<Long> running = QuarkusTransaction.requiringNew().call(() -> Campaign.<Campaign>list("state", CampaignState.RUNNING)
                .stream().map(c -> c.id).toList());
        for (long id : running) {
            try {
                QuarkusTransaction.requiringNew().run(() -> advance(Campaign.findById(id)));
            } catch (RuntimeException e) {
                LOG.warn("Campaign {} could not be advanced: {}", id, e.toString());
            }
        }
    }

    private void advance(Campaign c) {
        if (c.state != CampaignState.RUNNING) {
            return;
        }
        if (c.currentWave == 0) {
            c.currentWave = 1;
            audit.record(ACTOR, "campaign.wave", "campaign:" + c.id, "wave 1 of " + c.waveCount + " started");
        }
        expireSilent(c);
        List<Deployment> wave = Deployment.list("campaignId = ?1 and wave = ?2", c.id, c.currentWave);
        long failed = wave.stream().filter(d -> DeploymentState.FAILURES.contains(d.state)).count();
        long succeeded = wave.stream().filter(d -> d.state == DeploymentState.SUCCEEDED).count();
        long counted = failed - c.failuresAccepted;
        boolean overCount = c.failureLimit != null && counted >= c.failureLimit;
        boolean overShare = c.failurePercent != null && counted > 0 && counted * 100 >= (long) c.failurePercent * wave.size();
        if (overCount || overShare) {
            pause(c, failed + " of " + wave.size() + " devices of wave " + c.currentWave + " failed (threshold: "
                    + (c.failureLimit != null ? c.failureLimit + (c.failureLimit == 1 ? " failure" : " failures") : c.failurePercent + " %")
                    + ")");
            return;
        }
        if (succeeded * 100 >= (long) c.successPercent * wave.size()) {
            if (c.currentWave < c.waveCount) {
                String result = "wave " + c.currentWave + ": " + succeeded + " of " + wave.size() + " succeeded";
                if (c.approveEachWave) {
                    c.state = CampaignState.WAITING_APPROVAL;
                    c.stateReason = "wave " + (c.currentWave + 1) + " waits for approval (" + result + ")";
                    c.updatedAt = clock.instant();
                    audit.record(ACTOR, "campaign.wait", "campaign:" + c.id, c.stateReason);
                    return;
                }
                c.currentWave++;
                c.failuresAccepted = 0;
                c.updatedAt = clock.instant();
                audit.record(ACTOR, "campaign.wave", "campaign:" + c.id, "wave " + c.currentWave + " of " + c.waveCount + " started (" + result + ")");
                LOG.info("Campaign {} moves to wave {} of {} ({})", c.id, c.currentWave, c.waveCount, result);
            } else if (Deployment.count("campaignId = ?1 and state not in ?2", c.id, DeploymentState.FINAL) == 0) {
                long total = Deployment.count("campaignId", c.id);
                long ok = Deployment.count("campaignId = ?1 and state = ?2", c.id, DeploymentState.SUCCEEDED);
                c.state = CampaignState.COMPLETED;
                c.stateReason = ok + " of " + total + " devices updated";
                c.updatedAt = clock.instant();
                audit.record(ACTOR, "campaign.complete", "campaign:" + c.id, c.stateReason);
                LOG.info("Campaign {} completed: {}", c.id, c.stateReason);
                return;
            }
        }
        notifyPending(c);
    }

    /** Deployments begun and not heard of for the deployment timeout count as failed. */
    private void expireSilent(Campaign c) {
        Instant now = clock.instant();
        Duration timeout = config.deploymentTimeout();
        for (Deployment d : Deployment.<Deployment>list("campaignId = ?1 and state in ?2 and updatedAt < ?3", c.id,
                DeploymentState.IN_PROGRESS, now.minus(timeout))) {
            d.code = "no_report";
            d.detail = "no report for " + (timeout.toHours() > 0 ? timeout.toHours() + " h" : timeout.toSeconds() + " s") + " while "
                    + d.state.name().toLowerCase(Locale.ROOT);
            d.state = DeploymentState.FAILED;
            d.updatedAt = now;
            audit.record(ACTOR, "update.failed", "device:" + d.deviceId, "deployment " + d.id + " (no_report)");
        }
    }

    private void pause(Campaign c, String reason) {
        c.state = CampaignState.PAUSED;
        c.stateReason = reason;
        c.updatedAt = clock.instant();
        audit.record(ACTOR, "campaign.pause", "campaign:" + c.id, reason);
        LOG.warn("Campaign {} paused itself: {}", c.id, reason);
    }

    private void notifyPending(Campaign c) {
        List<Deployment> pending = Deployment.list("campaignId = ?1 and wave <= ?2 and state = ?3", c.id, c.currentWave,
                DeploymentState.PENDING);
        if (pending.isEmpty()) {
            return;
        }
        List<String> ids = pending.stream().map(d -> d.deviceId).toList();
        Map<String, Connection> connections = DeviceState.<DeviceState>list("deviceId in ?1", ids).stream()
                .filter(s -> s.connection != null).collect(Collectors.toMap(s -> s.deviceId, s -> s.connection));
        Map<String, String> sites = Device.<Device>list("id in ?1", ids).stream().filter(d -> d.siteId != null)
                .collect(Collectors.toMap(d -> d.id, d -> d.siteId));
        Release release = Release.findById(c.releaseId);
        Instant now = clock.instant();
        ServiceCalendar.Snapshot hours = c.windowOpens == null ? null : calendar.snapshot();
        for (Deployment d : pending) {
            if (connections.get(d.deviceId) != Connection.ONLINE) {
                continue;
            }
            if (hours != null && !inWindow(c.windowOpens, c.windowCloses, zone(c, hours, sites.get(d.deviceId)), now)) {
                continue;
            }
            if (downlink.publishUpdate(orders.install(c, release, d, now))) {
                d.state = DeploymentState.NOTIFIED;
                d.notifiedAt = now;
                d.updatedAt = now;
                ordered.fire(new UpdateOrdered(d.deviceId));
                LOG.debug("{} notified of {} {} (campaign {}, deployment {})", d.deviceId, release.kind, release.version, c.id, d.id);
            }
        }
    }

    /** The site's zone: its service hours' zone, else the campaign's, else UTC. */
    private static ZoneId zone(Campaign c, ServiceCalendar.Snapshot hours, String siteId) {
        return Optional.ofNullable(siteId).flatMap(hours::zone).orElse(c.windowZone == null ? ZoneOffset.UTC : ZoneId.of(c.windowZone));
    }

    /** Whether {@code now} is inside the daily window {@code opens} to {@code closes} (HH:mm) in {@code zone}; it may span midnight. */
    static boolean inWindow(String opens, String closes, ZoneId zone, Instant now) {
        LocalTime t = now.atZone(zone).toLocalTime();
        LocalTime from = LocalTime.parse(opens);
        LocalTime to = LocalTime.parse(closes);
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }

    /** Replaces the retained orders of devices that have not begun to install with a cancel, after an abort. */
    @Override
    public void withdraw(List<Deployment> notified, Instant now) {
        for (Deployment d : notified) {
            downlink.publishUpdate(UpdateOrders.cancel(d, now));
            ordered.fire(new UpdateOrdered(d.deviceId));
        }
    }
}
