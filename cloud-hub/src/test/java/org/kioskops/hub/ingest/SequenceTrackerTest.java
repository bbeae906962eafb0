package org.kioskops.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.kioskops.hub.ingest.SequenceTracker.Outcome;
import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

    @Test
    void counts_nothing_missing_for_consecutive_numbers() {
        SequenceTracker tracker = SequenceTracker.empty();
        for (long seq = 10; seq < 20; seq++) {
            assertThat(tracker.observe(seq)).isEqualTo(Outcome.IN_ORDER);
        }
        assertThat(tracker.missing()).isZero();
        assertThat(tracker.highest()).isEqualTo(19);
    }

    @Test
    void marks_skipped_numbers_missing_and_recovers_them_when_they_arrive_late() {
        SequenceTracker tracker = SequenceTracker.empty();
        tracker.observe(1);

        assertThat(tracker.observe(6)).isEqualTo(Outcome.GAP);
        assertThat(tracker.missing()).isEqualTo(4);
        assertThat(tracker.ranges()).isEqualTo("2-5");

        assertThat(tracker.observe(3)).isEqualTo(Outcome.RECOVERED);
        assertThat(tracker.ranges()).isEqualTo("2-2,4-5");
        tracker.observe(2);
        tracker.observe(5);
        tracker.observe(4);

        assertThat(tracker.missing()).isZero();
        assertThat(tracker.gapsDetected()).isEqualTo(4);
        assertThat(tracker.recovered()).isEqualTo(4);
        assertThat(tracker.duplicates()).isZero();
    }

    @Test
    void counts_a_redelivered_number_as_duplicate() {
        SequenceTracker tracker = SequenceTracker.empty();
        tracker.observe(1);
        tracker.observe(2);

        assertThat(tracker.observe(2)).isEqualTo(Outcome.DUPLICATE);
        assertThat(tracker.observe(1)).isEqualTo(Outcome.DUPLICATE);
        assertThat(tracker.duplicates()).isEqualTo(2);
    }

    @Test
    void a_reserved_will_number_is_neither_missing_nor_a_duplicate() {
        SequenceTracker tracker = SequenceTracker.empty();
        tracker.observe(9);

        tracker.reserve(10);
        tracker.observe(11);
        tracker.reserve(10);

        assertThat(tracker.missing()).isZero();
        assertThat(tracker.duplicates()).isZero();
    }

    @Test
    void survives_a_round_trip_through_its_stored_form() {
        SequenceTracker tracker = SequenceTracker.empty();
        tracker.observe(1);
        tracker.observe(5);
        tracker.observe(9);

        SequenceTracker restored = new SequenceTracker(tracker.highest(), tracker.ranges(), tracker.gapsDetected(),
                tracker.recovered(), tracker.duplicates(), tracker.received());

        assertThat(restored.missing()).isEqualTo(6);
        assertThat(restored.observe(3)).isEqualTo(Outcome.RECOVERED);
        assertThat(restored.ranges()).isEqualTo("2-2,4-4,6-8");
    }

    @Test
    void gives_up_the_oldest_ranges_beyond_the_limit() {
        SequenceTracker tracker = SequenceTracker.empty();
        tracker.observe(0);
        for (int i = 1; i <= SequenceTracker.MAX_RANGES + 5; i++) {
            tracker.observe(i * 2L);
        }

        assertThat(tracker.missing()).isEqualTo(SequenceTracker.MAX_RANGES);
        assertThat(tracker.gapsDetected()).isEqualTo(SequenceTracker.MAX_RANGES + 5);
        assertThat(tracker.observe(1)).isEqualTo(Outcome.DUPLICATE);
    }
}
