package org.kioskops.hub.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.audit.MemoryAuditLog;
import org.kioskops.hub.config.UploadConfig;
import org.kioskops.hub.error.ErrorCode;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.support.MovableClock;

/**
 * An operator rolls a release out to a district on the campaign service alone: campaigns, the fleet and the
 * withdrawn orders are in memory.
 */
class CampaignServiceTest {
    private static final Instant T0 = Instant.parse("2026-12-03T02:00:00Z");
    private static final List<String> DISTRICT_A = List.of("city", "district-a", "site-1");
    private static final List<String> DISTRICT_B = List.of("city", "district-b", "site-2");

    private final MovableClock clock = new MovableClock(T0);
    private final MemoryCampaignStore store = new MemoryCampaignStore();
    private final List<FleetDirectory.Candidate> fleet = new ArrayList<>();
    private final List<Deployment> withdrawn = new ArrayList<>();
    private final MemoryAuditLog audit = new MemoryAuditLog(clock);
    private String publicUrl = "https://hub.example.org";
    private final CampaignService campaigns = new CampaignService(store, directory(), (notified, now) -> withdrawn.addAll(notified), audit,
            uploads(), clock);
    private final Release agent = store.release("agent", "1.4.0", "kiosk-x86,kiosk-pi4");

    private FleetDirectory directory() {
        return new FleetDirectory() {
            @Override
            public boolean siteExists(String siteId) {
                return fleet.stream().anyMatch(d -> d.sites().contains(siteId));
            }

            @Override
            public List<Candidate> registered() {
                return List.copyOf(fleet);
            }
        };
    }

    private UploadConfig uploads() {
        return new UploadConfig() {
            @Override
            public Optional<String> publicUrl() {
                return Optional.ofNullable(publicUrl);
            }

            @Override
            public String dir() {
                return "data/uploads";
            }

            @Override
            public long maxBytes() {
                return 8_000_000;
            }
        };
    }

    private void kiosk(String id, List<String> sites, String model, String... tags) {
        fleet.add(new FleetDirectory.Candidate(id, sites, model, Set.of(tags), "1.3.2"));
    }

    private static CampaignService.Plan toSite(String siteId, String waves) {
        return new CampaignService.Plan("agent 1.4 to " + siteId, null, siteId, null, null, null, waves, null, null, null, null, null, null,
                false, false);
    }

    private CampaignService.View create(CampaignService.Plan plan) {
        return campaigns.create(withRelease(plan, agent.id), "ops.chen");
    }

    private static CampaignService.Plan withRelease(CampaignService.Plan p, Long releaseId) {
        return new CampaignService.Plan(p.name(), releaseId, p.siteId(), p.hardwareModel(), p.tag(), p.deviceIds(), p.waves(), p.successPercent(),
                p.failureLimit(), p.failurePercent(), p.windowOpens(), p.windowCloses(), p.windowZone(), p.approveEachWave(), p.allowDowngrade());
    }

    private static ErrorCode refusal(Runnable action) {
        try {
            action.run();
        } catch (HubException e) {
            return e.error();
        }
        throw new AssertionError("the service did not refuse");
    }

    private static String reason(Runnable action) {
        try {
            action.run();
        } catch (HubException e) {
            return e.getMessage();
        }
        throw new AssertionError("the service did not refuse");
    }

    @Test
    void a_campaign_spreads_the_devices_of_its_subtree_that_the_release_fits_over_its_waves() {
        for (int i = 1; i <= 6; i++) {
            kiosk("a-" + i, DISTRICT_A, "kiosk-x86");
        }
        kiosk("a-old", DISTRICT_A, "kiosk-2019");
        kiosk("a-unknown", DISTRICT_A, null);
        kiosk("b-1", DISTRICT_B, "kiosk-x86");

        CampaignService.View view = create(toSite("district-a", "1,50%,100%"));

        assertThat(view.state()).isEqualTo(CampaignState.RUNNING);
        assertThat(view.progress().total()).isEqualTo(6);
        assertThat(view.perWave()).extracting(CampaignService.Counts::total).containsExactly(1, 2, 3);
        assertThat(campaigns.deployments(view.id())).allSatisfy(d -> {
            assertThat(d.deviceId()).startsWith("a-").isNotIn("a-old", "a-unknown");
            assertThat(d.state()).isEqualTo(DeploymentState.PENDING);
            assertThat(d.fromVersion()).isEqualTo("1.3.2");
        });
        assertThat(view.target()).isEqualTo("site district-a");
        assertThat(audit.entries()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("campaign.create");
            assertThat(e.detail()).endsWith("agent 1.4.0 to 6 devices in waves [1, 2, 3]");
        });
    }

    @Test
    void the_canary_is_not_simply_the_first_device_by_name() {
        for (int i = 10; i < 60; i++) {
            kiosk("a-" + i, DISTRICT_A, "kiosk-x86");
        }
        List<String> canaries = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            CampaignService.View view = create(toSite("district-a", "1,100%"));
            canaries.add(campaigns.deployments(view.id()).get(0).deviceId());
            campaigns.abort(view.id(), "ops.chen", "next try");
        }

        assertThat(Set.copyOf(canaries)).as("each campaign shuffles by its own id: " + canaries).hasSizeGreaterThan(1);
    }

    @Test
    void a_device_still_installing_in_another_campaign_is_refused_by_name_until_that_campaign_is_over() {
        kiosk("a-1", DISTRICT_A, "kiosk-x86");
        kiosk("a-2", DISTRICT_A, "kiosk-x86");
        CampaignService.View first = create(toSite("district-a", "100%"));
        store.deployments(first.id()).get(0).state = DeploymentState.INSTALLING;

        assertThat(reason(() -> create(toSite("district-a", "100%")))).isEqualTo("1 devices are still updating in another campaign: "
                + store.deployments(first.id()).get(0).deviceId);

        campaigns.abort(first.id(), "ops.chen", "superseded");
        assertThat(create(toSite("district-a", "100%")).progress().total()).isEqualTo(2);
    }

    @Test
    void an_operator_approves_each_wave_when_the_campaign_asks_for_it() {
        kiosk("a-1", DISTRICT_A, "kiosk-x86");
        CampaignService.Plan plan = toSite("district-a", "100%");
        CampaignService.View view = create(new CampaignService.Plan(plan.name(), null, plan.siteId(), null, null, null, plan.waves(), null, null,
                null, null, null, null, true, false));

        assertThat(view.state()).isEqualTo(CampaignState.WAITING_APPROVAL);
        assertThat(view.stateReason()).isEqualTo("wave 1 waits for approval");

        clock.advance(Duration.ofMinutes(3));
        CampaignService.View approved = campaigns.approve(view.id(), "lead.wu");

        assertThat(approved.state()).isEqualTo(CampaignState.RUNNING);
        assertThat(approved.currentWave()).isEqualTo(1);
        assertThat(approved.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(3)));
        assertThat(audit.entries()).extracting(AuditLog.Entry::action, AuditLog.Entry::actor)
                .endsWith(tuple("campaign.approve", "lead.wu"));
        assertThat(refusal(() -> campaigns.approve(view.id(), "lead.wu"))).isEqualTo(UpdateError.CAMPAIGN_STATE);
    }

    @Test
    void resuming_after_a_pause_accepts_the_failures_of_the_current_wave_seen_so_far() {
        for (int i = 1; i <= 4; i++) {
            kiosk("a-" + i, DISTRICT_A, "kiosk-x86");
        }
        CampaignService.View view = create(toSite("district-a", "100%"));
        store.find(view.id()).orElseThrow().currentWave = 1;
        List<Deployment> wave = store.deployments(view.id());
        wave.get(0).state = DeploymentState.FAILED;
        wave.get(1).state = DeploymentState.ROLLED_BACK;
        wave.get(2).state = DeploymentState.SUCCEEDED;

        assertThat(campaigns.pause(view.id(), "ops.chen", "two failed").stateReason()).isEqualTo("paused by ops.chen: two failed");
        assertThat(campaigns.resume(view.id(), "ops.chen").state()).isEqualTo(CampaignState.RUNNING);

        assertThat(store.find(view.id()).orElseThrow().failuresAccepted).isEqualTo(2);
        assertThat(refusal(() -> campaigns.resume(view.id(), "ops.chen"))).as("not paused").isEqualTo(UpdateError.CAMPAIGN_STATE);
    }

    @Test
    void aborting_cancels_pending_devices_withdraws_orders_not_begun_and_lets_installs_finish() {
        for (int i = 1; i <= 4; i++) {
            kiosk("a-" + i, DISTRICT_A, "kiosk-x86");
        }
        CampaignService.View view = create(toSite("district-a", "100%"));
        List<Deployment> wave = store.deployments(view.id());
        wave.get(1).state = DeploymentState.NOTIFIED;
        wave.get(2).state = DeploymentState.DOWNLOADING;
        wave.get(3).state = DeploymentState.INSTALLING;

        CampaignService.View aborted = campaigns.abort(view.id(), "ops.chen", "bad build");

        assertThat(aborted.state()).isEqualTo(CampaignState.ABORTED);
        assertThat(aborted.stateReason()).isEqualTo("aborted by ops.chen: bad build");
        assertThat(wave.get(0).state).isEqualTo(DeploymentState.CANCELLED);
        assertThat(wave.get(0).detail).isEqualTo("campaign aborted");
        assertThat(withdrawn).containsExactly(wave.get(1), wave.get(2));
        assertThat(wave.get(3).state).as("a half install is worse than a finished one").isEqualTo(DeploymentState.INSTALLING);
        assertThat(refusal(() -> campaigns.abort(view.id(), "ops.chen", null))).isEqualTo(UpdateError.CAMPAIGN_STATE);
        assertThat(refusal(() -> campaigns.pause(view.id(), "ops.chen", null))).isEqualTo(UpdateError.CAMPAIGN_STATE);
    }

    @Test
    void a_plan_that_cannot_be_carried_out_is_refused_with_the_reason_and_nothing_is_kept() {
        kiosk("a-1", DISTRICT_A, "kiosk-x86");
        kiosk("old-1", DISTRICT_B, "kiosk-2019");
        CampaignService.Plan good = toSite("district-a", "100%");

        assertThat(refusal(() -> campaigns.create(withRelease(good, 999L), "ops.chen"))).isEqualTo(UpdateError.RELEASE_NOT_FOUND);
        assertThat(refusal(() -> create(toSite("district-b", "100%")))).isEqualTo(UpdateError.EMPTY_TARGET);
        assertThat(reason(() -> create(toSite("atlantis", "100%")))).isEqualTo("site atlantis does not exist");
        assertThat(reason(() -> create(toSite("district-a", "2,lots")))).isEqualTo("wave 'lots' is neither a device count nor a percentage");
        assertThat(reason(() -> create(new CampaignService.Plan(" ", null, "district-a", null, null, null, "100%", null, null, null, null, null,
                null, false, false)))).startsWith("name is required");
        assertThat(reason(() -> create(new CampaignService.Plan("night", null, "district-a", null, null, null, "100%", 0, null, null, null, null,
                null, false, false)))).isEqualTo("successPercent must be 1 to 100");
        assertThat(reason(() -> create(new CampaignService.Plan("night", null, "district-a", null, null, null, "100%", null, null, null, "02:00",
                null, null, false, false)))).startsWith("a maintenance window needs both");
        publicUrl = null;
        assertThat(refusal(() -> create(good))).as("devices could not download the release").isEqualTo(UpdateError.NO_PUBLIC_URL);

        assertThat(campaigns.list()).isEmpty();
        assertThat(audit.entries()).isEmpty();
    }
}
