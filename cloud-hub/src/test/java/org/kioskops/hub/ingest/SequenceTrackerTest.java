package org.kioskops.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kioskops.hub.ingest.SequenceTracker.Outcome;

class SequenceTrackerTest {

    @Test
    void counts_nothing_missing_for_consecutive_numbers() {
        SequenceTracker tracker = SequenceTracker.empty();
        for (long seq = 0; seq < 20; seq++) {
            assertThat(tracker.observe(seq)).isEqualTo(Outcome.IN_ORDER);
        }
        assertThat(tracker.missing()).isZero();
        assertThat(tracker.highest()).isEqualTo(19);
    }

    @Test
    void a_numbering_starts_at_zero_so_numbers_below_the_first_one_seen_are_awaited_not_duplicates() {
        SequenceTracker tracker = SequenceTracker.empty();

        assertThat(tracker.observe(2)).isEqualTo(Outcome.GAP);
        assertThat(tracker.ranges()).isEqualTo("0-1");

        assertThat(tracker.observe(1)).isEqualTo(Outcome.RECOVERED);
        assertThat(tracker.observe(0)).isEqualTo(Outcome.RECOVERED);
        assertThat(tracker.missing()).isZero();
        assertThat(tracker.duplicates()).isZero();
    }

    @Test
    void numbers_arriving_in_any_order_are_each_counted_once() {
        SequenceTracker tracker = SequenceTracker.empty();
        for (long seq : new long[] {3, 0, 5, 1, 4, 2, 5, 0}) {
            tracker.observe(seq);
        }

        assertThat(tracker.missing()).isZero();
        assertThat(tracker.highest()).isEqualTo(5);
        assertThat(tracker.duplicates()).as("5 and 0 came twice").isEqualTo(2);
    }

    @Test
    void after_a_reset_the_new_numbering_is_awaited_from_zero() {
        SequenceTracker tracker = SequenceTracker.empty();
        tracker.observe(0);
        tracker.observe(500);
        tracker.reset();

        tracker.reserve(0);
        assertThat(tracker.observe(2)).isEqualTo(Outcome.GAP);
        assertThat(tracker.observe(1)).as("created before the birth, sent after it").isEqualTo(Outcome.RECOVERED);
        assertThat(tracker.missing()).isZero();
    }

    @Test
    void marks_skipped_numbers_missing_and_recovers_them_when_they_arrive_late() {
        SequenceTracker tracker = SequenceTracker.empty();
        tracker.observe(0);
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
        tracker.observe(0);
        tracker.observe(1);
        tracker.observe(2);

        assertThat(tracker.observe(2)).isEqualTo(Outcome.DUPLICATE);
        assertThat(tracker.observe(1)).isEqualTo(Outcome.DUPLICATE);
        assertThat(tracker.duplicates()).isEqualTo(2);
    }

    @Test
    void a_reserved_will_number_is_neither_missing_nor_a_duplicate() {
        SequenceTracker tracker = SequenceTracker.empty();
        for (long seq = 0; seq <= 9; seq++) {
            tracker.observe(seq);
        }

        tracker.reserve(10);
        tracker.observe(11);
        tracker.reserve(10);

        assertThat(tracker.missing()).isZero();
        assertThat(tracker.duplicates()).isZero();
    }

    @Test
    void survives_a_round_trip_through_its_stored_form() {
        SequenceTracker tracker = SequenceTracker.empty();
        tracker.observe(0);
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

    @Test
    void the_lowest_unseen_number_is_where_a_rebuild_from_stored_messages_starts() {
        SequenceTracker tracker = SequenceTracker.empty();
        assertThat(tracker.lowestUnseen()).isZero();
        tracker.observe(0);
        tracker.observe(1);
        assertThat(tracker.lowestUnseen()).isEqualTo(2);
        tracker.observe(7);
        assertThat(tracker.lowestUnseen()).as("2 to 6 are still missing").isEqualTo(2);
    }
}
