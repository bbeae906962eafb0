package org.kioskops.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.device.Registration;
import org.kioskops.protocol.Birth;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.Status;
import org.kioskops.protocol.TelemetryBatch;
import org.kioskops.protocol.TelemetrySample;

/** One kiosk's messages through the applier, as its agent sends them: what is stored, awaited, or a duplicate. */
class MessageApplierTest {
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    private final MessageApplier applier = new MessageApplier(new RegistryConfig() {
        @Override
        public RegistryConfig.UnknownDevicePolicy unknownDevices() {
            return RegistryConfig.UnknownDevicePolicy.PENDING;
        }

        @Override
        public int maxPending() {
            return 10;
        }
    });
    private final LiveDevice kiosk = new LiveDevice("kiosk-1");

    MessageApplierTest() {
        kiosk.registration = Registration.REGISTERED;
        kiosk.registered = true;
    }

    private MessageApplier.Result apply(DeviceMessage message) {
        return applier.apply(kiosk, message, false, NOW, Map.of(), new BatchWrites(), () -> 0, d -> { });
    }

    private static Birth birth(long seq, long session, String epoch, Boolean receipts) {
        return new Birth(DeviceMessage.VERSION, "kiosk-1", seq, NOW, session, epoch, "1.0", "box", null,
                new Inventory(null, List.of(), List.of(), List.of()), null, null, 30, receipts);
    }

    private static Status status(long seq, long session, Status.ConnectionState state, Status.StatusReason reason) {
        return new Status(DeviceMessage.VERSION, "kiosk-1", seq, NOW, session, state, reason);
    }

    private static TelemetryBatch telemetry(long seq) {
        return new TelemetryBatch(DeviceMessage.VERSION, "kiosk-1", seq, NOW, List.of(new TelemetrySample(NOW, 60L, null, null, null, null)));
    }

    @Test
    void a_new_kiosks_reading_created_before_its_birth_and_sent_after_it_is_stored() {
        // the agent reserved 0 for the will, sampled 1 while connecting, and sent its birth (2) first
        apply(birth(2, 0, "e1", true));
        apply(status(3, 0, Status.ConnectionState.ONLINE, null));

        assertThat(apply(telemetry(1))).isInstanceOf(MessageApplier.Accepted.class);
        assertThat(kiosk.tracker.missing()).isZero();
        assertThat(kiosk.tracker.duplicates()).isZero();
    }

    @Test
    void a_clean_reconnect_counts_no_gap() {
        apply(birth(1, 0, "e1", null));
        apply(status(2, 0, Status.ConnectionState.ONLINE, null));
        apply(status(3, 0, Status.ConnectionState.OFFLINE, Status.StatusReason.RESTART));
        // the next connection reserved 4 for its will, which a clean stop never sends
        apply(birth(5, 4, "e1", null));
        apply(status(6, 4, Status.ConnectionState.ONLINE, null));

        assertThat(kiosk.tracker.gapsDetected()).isZero();
        assertThat(kiosk.tracker.missing()).isZero();
    }

    @Test
    void a_kiosk_that_lost_its_numbering_is_counted_afresh_from_its_new_epoch() {
        apply(birth(1, 0, "e1", null));
        for (long seq = 2; seq <= 40; seq++) {
            apply(telemetry(seq));
        }

        apply(birth(2, 0, "e2", null));

        assertThat(apply(telemetry(1))).as("number 1 of the new epoch is new").isInstanceOf(MessageApplier.Accepted.class);
        assertThat(apply(telemetry(3))).isInstanceOf(MessageApplier.Accepted.class);
        assertThat(kiosk.tracker.missing()).isZero();
        assertThat(kiosk.seqResets).isEqualTo(1);
    }

    @Test
    void a_redelivered_reading_is_a_duplicate_and_a_retained_replay_is_not_even_counted() {
        Birth birth = birth(1, 0, "e1", null);
        apply(birth);
        apply(telemetry(2));

        assertThat(apply(telemetry(2))).isEqualTo(new MessageApplier.Duplicate("kiosk-1", 2, false));
        assertThat(applier.apply(kiosk, birth, true, NOW, Map.of(), new BatchWrites(), () -> 0, d -> { }))
                .isEqualTo(new MessageApplier.Duplicate("kiosk-1", 1, true));
        assertThat(kiosk.tracker.duplicates()).isEqualTo(1);
    }

    @Test
    void a_late_will_of_an_earlier_connection_neither_fills_nor_opens_a_gap() {
        apply(birth(1, 0, "e1", null));
        apply(birth(3, 2, "e1", null));

        apply(status(0, 0, Status.ConnectionState.OFFLINE, Status.StatusReason.CONNECTION_LOST));

        assertThat(kiosk.tracker.missing()).isZero();
        assertThat(kiosk.tracker.gapsDetected()).isZero();
        assertThat(kiosk.session).as("the newer connection stands").isEqualTo(2);
    }

    @Test
    void a_birth_asking_for_receipts_is_remembered_and_written_with_its_batch() {
        BatchWrites writes = new BatchWrites();
        applier.apply(kiosk, birth(1, 0, "e1", true), false, NOW, Map.of(), writes, () -> 0, d -> { });

        assertThat(kiosk.receipts).isTrue();
        assertThat(kiosk.urgent).isTrue();
        apply(birth(3, 2, "e1", null));
        assertThat(kiosk.receipts).as("an agent downgraded to one that does not ask").isFalse();
    }
}
