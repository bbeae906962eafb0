package org.kioskops.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.agent.config.OutboxSettings;
import org.kioskops.agent.uplink.OutboundMessage;

class FileOutboxTest {
    @TempDir
    Path dir;

    private static OutboundMessage message(long seq) {
        return new OutboundMessage("kioskops/v1/k/telemetry", ("{\"seq\":" + seq + ",\"pad\":\"" + "x".repeat(200) + "\"}").getBytes(),
                1, false, seq);
    }

    private static OutboxSettings settings(int maxMessages, long maxBytes) {
        return new OutboxSettings(maxMessages, maxBytes, 64 * 1024, OutboxSettings.Fsync.ALWAYS, null, null);
    }

    private static List<Long> seqs(Outbox outbox) {
        return outbox.peek(Integer.MAX_VALUE).stream().map(e -> e.message().seq()).toList();
    }

    @Test
    void keeps_unacknowledged_messages_in_order_across_a_reopen() {
        try (FileOutbox outbox = new FileOutbox(dir, settings(1000, 1 << 20))) {
            long first = outbox.append(message(1));
            outbox.append(message(2));
            outbox.append(message(3).withCorrelation(new byte[] {7, 8}));
            outbox.remove(first);
        }

        try (FileOutbox reopened = new FileOutbox(dir, settings(1000, 1 << 20))) {
            List<Outbox.Entry> entries = reopened.peek(10);
            assertThat(entries).extracting(e -> e.message().seq()).containsExactly(2L, 3L);
            assertThat(entries.get(1).message().correlationData()).containsExactly(7, 8);
            assertThat(entries.get(0).message().payload()).isEqualTo(message(2).payload());
            assertThat(reopened.size()).isEqualTo(2);
        }
    }

    @Test
    void reads_a_backlog_larger_than_its_memory_window_from_disk_in_order() throws IOException {
        int count = FileOutbox.WINDOW * 3;
        try (FileOutbox outbox = new FileOutbox(dir, settings(100_000, 64L << 20))) {
            for (long seq = 1; seq <= count; seq++) {
                outbox.append(message(seq));
            }
            long expected = 1;
            while (outbox.size() > 0) {
                for (Outbox.Entry e : outbox.peek(50)) {
                    assertThat(e.message().seq()).isEqualTo(expected++);
                    outbox.remove(e.id());
                }
            }
            assertThat(expected).isEqualTo(count + 1);
            assertThat(segmentFiles()).hasSize(1);
        }
    }

    @Test
    void drops_the_oldest_when_full_and_remembers_the_count() {
        try (FileOutbox outbox = new FileOutbox(dir, settings(10, 1 << 20))) {
            for (long seq = 1; seq <= 15; seq++) {
                outbox.append(message(seq));
            }
            assertThat(seqs(outbox)).containsExactly(6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
            assertThat(outbox.dropped()).isEqualTo(5);
        }
        try (FileOutbox reopened = new FileOutbox(dir, settings(10, 1 << 20))) {
            assertThat(reopened.dropped()).isEqualTo(5);
            assertThat(seqs(reopened)).first().isEqualTo(6L);
        }
    }

    @Test
    void drops_whole_oldest_segments_when_over_its_byte_bound() throws IOException {
        try (FileOutbox outbox = new FileOutbox(dir, settings(100_000, 256 * 1024))) {
            for (long seq = 1; seq <= 3000; seq++) {
                outbox.append(message(seq));
            }
            assertThat(outbox.bytesOnDisk()).isLessThanOrEqualTo(256 * 1024);
            assertThat(totalSegmentBytes()).isEqualTo(outbox.bytesOnDisk());
            List<Long> kept = seqs(outbox);
            assertThat(kept).last().isEqualTo(3000L);
            assertThat(kept).isSorted();
            assertThat(kept.get(kept.size() - 1) - kept.get(0) + 1).isEqualTo(kept.size());
            assertThat(outbox.dropped() + kept.size()).isEqualTo(3000);
        }
    }

    @Test
    void cuts_a_record_torn_by_a_power_cut_and_keeps_the_whole_ones() throws IOException {
        try (FileOutbox outbox = new FileOutbox(dir, settings(1000, 1 << 20))) {
            for (long seq = 1; seq <= 5; seq++) {
                outbox.append(message(seq));
            }
        }
        Path segment = segmentFiles().get(0);
        long size = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(size - 30);
        }

        try (FileOutbox reopened = new FileOutbox(dir, settings(1000, 1 << 20))) {
            assertThat(seqs(reopened)).containsExactly(1L, 2L, 3L, 4L);
            reopened.append(message(6));
            assertThat(seqs(reopened)).containsExactly(1L, 2L, 3L, 4L, 6L);
        }
        try (FileOutbox again = new FileOutbox(dir, settings(1000, 1 << 20))) {
            assertThat(seqs(again)).containsExactly(1L, 2L, 3L, 4L, 6L);
        }
    }

    @Test
    void a_record_failing_its_checksum_ends_the_log_instead_of_replaying_garbage() throws IOException {
        try (FileOutbox outbox = new FileOutbox(dir, settings(1000, 1 << 20))) {
            for (long seq = 1; seq <= 3; seq++) {
                outbox.append(message(seq));
            }
        }
        Path segment = segmentFiles().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 5] ^= 0x55;
        Files.write(segment, bytes);

        try (FileOutbox reopened = new FileOutbox(dir, settings(1000, 1 << 20))) {
            assertThat(seqs(reopened)).containsExactly(1L, 2L);
        }
    }

    @Test
    void deletes_segments_once_everything_in_them_is_acknowledged() throws IOException {
        try (FileOutbox outbox = new FileOutbox(dir, settings(100_000, 64L << 20))) {
            for (long seq = 1; seq <= 1000; seq++) {
                outbox.append(message(seq));
            }
            assertThat(segmentFiles()).hasSizeGreaterThan(2);
            for (Outbox.Entry e : outbox.peek(1000)) {
                outbox.remove(e.id());
            }
            assertThat(segmentFiles()).hasSize(1);
            assertThat(outbox.size()).isZero();
        }
        try (FileOutbox reopened = new FileOutbox(dir, settings(100_000, 64L << 20))) {
            assertThat(reopened.size()).isZero();
            reopened.append(message(1001));
            assertThat(seqs(reopened)).containsExactly(1001L);
        }
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".seg")).sorted().toList();
        }
    }

    private long totalSegmentBytes() throws IOException {
        long total = 0;
        for (Path f : segmentFiles()) {
            total += Files.size(f);
        }
        return total;
    }
}
