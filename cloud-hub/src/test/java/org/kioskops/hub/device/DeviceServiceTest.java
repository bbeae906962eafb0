package org.kioskops.hub.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.audit.MemoryAuditLog;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.site.SiteKind;
import org.kioskops.hub.support.MovableClock;
import org.kioskops.hub.support.RecordedEvents;

/** An operator keeps the registry of one community on the registry service alone; its records are in memory. */
class DeviceServiceTest {
    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

    private final MovableClock clock = new MovableClock(T0);
    private final MemoryDeviceRecords records = new MemoryDeviceRecords()
            .node("donghu", SiteKind.COMMUNITY).node("donghu-1", SiteKind.SITE).node("donghu-2", SiteKind.SITE);
    private final RecordedEvents<RegistryChanged> changes = new RecordedEvents<>();
    private final MemoryAuditLog audit = new MemoryAuditLog(clock);
    private final DeviceService registry = new DeviceService(records, changes, audit, clock);

    private static HubException refusal(Runnable action) {
        try {
            action.run();
        } catch (HubException e) {
            return e;
        }
        throw new AssertionError("the service did not refuse");
    }

    private Device pendingDeviceThatAlreadyReported(String id) {
        Device d = new Device();
        d.id = id;
        d.registration = Registration.PENDING;
        d.createdAt = T0.minus(Duration.ofDays(2));
        records.add(d);
        return d;
    }

    @Test
    void registering_a_new_device_on_a_site_creates_it_and_announces_the_change() {
        DeviceService.Upsert result = registry.register("kiosk-7", "donghu-1", "kiosk-x86");

        assertThat(result.created()).isTrue();
        assertThat(result.changed()).isTrue();
        assertThat(result.device().registration()).isEqualTo(Registration.REGISTERED);
        assertThat(result.device().siteId()).isEqualTo("donghu-1");
        assertThat(result.device().model()).isEqualTo("kiosk-x86");
        assertThat(changes.fired()).containsExactly(new RegistryChanged("kiosk-7"));
    }

    @Test
    void registering_a_device_again_the_same_way_changes_nothing_and_announces_nothing() {
        registry.register("kiosk-7", "donghu-1", "kiosk-x86");
        clock.advance(Duration.ofHours(1));

        DeviceService.Upsert again = registry.register("kiosk-7", "donghu-1", null);

        assertThat(again.created()).isFalse();
        assertThat(again.changed()).isFalse();
        assertThat(records.find("kiosk-7")).get().satisfies(d -> assertThat(d.updatedAt).isEqualTo(T0));
        assertThat(changes.fired()).hasSize(1);
    }

    @Test
    void a_pending_device_that_already_reported_becomes_registered_and_keeps_its_history() {
        pendingDeviceThatAlreadyReported("kiosk-9");

        DeviceService.Upsert result = registry.register("kiosk-9", "donghu-2", null);

        assertThat(result.created()).isFalse();
        assertThat(result.changed()).isTrue();
        assertThat(records.find("kiosk-9")).get().satisfies(d -> {
            assertThat(d.registration).isEqualTo(Registration.REGISTERED);
            assertThat(d.createdAt).as("first seen two days ago").isEqualTo(T0.minus(Duration.ofDays(2)));
            assertThat(d.updatedAt).isEqualTo(T0);
        });
    }

    @Test
    void moving_a_device_to_another_site_keeps_its_model_when_none_is_given() {
        registry.register("kiosk-7", "donghu-1", "kiosk-x86");

        DeviceService.Upsert moved = registry.register("kiosk-7", "donghu-2", null);

        assertThat(moved.changed()).isTrue();
        assertThat(moved.device().siteId()).isEqualTo("donghu-2");
        assertThat(moved.device().model()).isEqualTo("kiosk-x86");
    }

    @Test
    void a_rejected_device_is_refused_until_it_is_registered_again() {
        registry.register("kiosk-7", "donghu-1", null);

        assertThat(registry.reject("kiosk-7").registration()).isEqualTo(Registration.REJECTED);
        assertThat(registry.register("kiosk-7", "donghu-1", null).device().registration()).isEqualTo(Registration.REGISTERED);
        assertThat(changes.fired()).hasSize(3);
        assertThat(refusal(() -> registry.reject("kiosk-404")).error()).isEqualTo(DeviceError.DEVICE_NOT_FOUND);
    }

    @Test
    void a_device_is_placed_only_on_a_node_of_kind_site_and_with_a_valid_id_and_model() {
        assertThat(refusal(() -> registry.register("kiosk-7", "donghu", null))).hasMessage("'donghu' is not a site of kind 'site'")
                .satisfies(e -> assertThat(e.error()).isEqualTo(DeviceError.SITE_REQUIRED));
        assertThat(refusal(() -> registry.register("kiosk-7", "atlantis", null)).error()).isEqualTo(DeviceError.SITE_REQUIRED);
        assertThat(refusal(() -> registry.register("kiosk-7", null, null))).hasMessage("siteId is required");
        assertThat(refusal(() -> registry.register("kiosk/7", "donghu-1", null)).error()).isEqualTo(DeviceError.INVALID_DEVICE);
        assertThat(refusal(() -> registry.register("kiosk-7", "donghu-1", "m".repeat(65))).error()).isEqualTo(DeviceError.INVALID_DEVICE);
        assertThat(registry.registrationProblem("kiosk-7", "donghu-1", "kiosk-x86")).as("checked without registering").isEmpty();

        assertThat(records.find("kiosk-7")).isEmpty();
        assertThat(changes.fired()).isEmpty();
    }

    @Test
    void tags_are_kept_sorted_once_each_and_every_change_is_audited() {
        registry.register("kiosk-7", "donghu-1", null);

        assertThat(registry.setTags("kiosk-7", List.of("pilot", "east-gate", "pilot"), "ops.chen")).containsExactly("east-gate", "pilot");
        assertThat(registry.tags("kiosk-7")).containsExactly("east-gate", "pilot");
        assertThat(audit.entries()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("device.tags");
            assertThat(e.target()).isEqualTo("device:kiosk-7");
            assertThat(e.detail()).isEqualTo("east-gate,pilot");
        });
    }

    @Test
    void a_bad_tag_list_is_refused_whole_and_the_old_tags_stay() {
        registry.register("kiosk-7", "donghu-1", null);
        registry.setTags("kiosk-7", List.of("pilot"), "ops.chen");
        List<String> tooMany = IntStream.rangeClosed(1, 21).mapToObj(i -> "t" + i).toList();

        assertThat(refusal(() -> registry.setTags("kiosk-7", List.of("ok", "Not OK"), "ops.chen"))).hasMessageEndingWith(": Not OK");
        assertThat(refusal(() -> registry.setTags("kiosk-7", tooMany, "ops.chen"))).hasMessage("at most 20 tags per device");
        assertThat(refusal(() -> registry.setTags("kiosk-404", List.of("pilot"), "ops.chen")).error()).isEqualTo(DeviceError.DEVICE_NOT_FOUND);

        assertThat(registry.tags("kiosk-7")).containsExactly("pilot");
        assertThat(audit.entries()).hasSize(1);
    }
}
