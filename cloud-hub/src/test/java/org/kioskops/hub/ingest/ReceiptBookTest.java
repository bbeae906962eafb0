package org.kioskops.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kioskops.protocol.Limits;
import org.kioskops.protocol.Receipt;

class ReceiptBookTest {
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    private static LiveDevice device(String id, boolean receipts) {
        LiveDevice d = new LiveDevice(id);
        d.receipts = receipts;
        d.seqEpoch = "e-" + id;
        return d;
    }

    @Test
    void one_receipt_per_device_that_asked_with_its_numbers_as_ranges_and_its_refusals() {
        ReceiptBook book = new ReceiptBook();
        LiveDevice asking = device("kiosk-1", true);
        LiveDevice silent = device("kiosk-2", false);
        for (long seq : new long[] {12, 10, 11, 15}) {
            book.stored(asking, seq);
        }
        book.refused(asking, 14, "invalid_value");
        book.stored(silent, 3);

        List<Receipt> receipts = book.drain(NOW);

        assertThat(receipts).singleElement().satisfies(r -> {
            assertThat(r.deviceId()).isEqualTo("kiosk-1");
            assertThat(r.epoch()).isEqualTo("e-kiosk-1");
            assertThat(r.stored()).containsExactly(new Receipt.Range(10, 12), new Receipt.Range(15, 15));
            assertThat(r.refused()).containsExactly(new Receipt.Refusal(14, "invalid_value"));
        });
        assertThat(book.isEmpty()).isTrue();
    }

    @Test
    void a_receipt_never_holds_more_entries_than_the_contract_allows() {
        ReceiptBook book = new ReceiptBook();
        LiveDevice busy = device("kiosk-1", true);
        for (long seq = 0; seq < 2L * Limits.MAX_RECEIPT_ENTRIES + 10; seq++) {
            book.stored(busy, seq * 2);
        }

        List<Receipt> receipts = book.drain(NOW);

        assertThat(receipts).hasSize(3).allSatisfy(r -> assertThat(r.stored()).hasSizeLessThanOrEqualTo(Limits.MAX_RECEIPT_ENTRIES));
        assertThat(receipts.stream().mapToInt(r -> r.stored().size()).sum()).isEqualTo(2 * Limits.MAX_RECEIPT_ENTRIES + 10);
    }

    @Test
    void numbers_gathered_over_several_batches_go_in_one_receipt_per_epoch_of_the_device() {
        ReceiptBook book = new ReceiptBook();
        LiveDevice kiosk = device("kiosk-1", true);
        book.stored(kiosk, 40);
        book.stored(kiosk, 41);
        // the agent lost its numbering and started a new epoch between two batches
        kiosk.seqEpoch = "e-restarted";
        book.stored(kiosk, 0);

        List<Receipt> receipts = book.drain(NOW);

        assertThat(receipts).extracting(Receipt::epoch, Receipt::stored).containsExactly(
                tuple("e-kiosk-1", List.of(new Receipt.Range(40, 41))),
                tuple("e-restarted", List.of(new Receipt.Range(0, 0))));
    }
}
