package org.kioskops.agent.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSequenceStoreTest {
    @TempDir
    Path dir;

    @Test
    void starts_at_zero_and_increases_by_one() {
        try (FileSequenceStore store = new FileSequenceStore(dir.resolve("seq"))) {
            assertThat(store.next()).isZero();
            assertThat(store.next()).isEqualTo(1);
            assertThat(store.next()).isEqualTo(2);
        }
    }

    @Test
    void keeps_a_will_number_not_yet_announced_for_the_next_run_and_then_takes_a_new_one() {
        Path file = dir.resolve("seq");
        FileSequenceStore killedWhileOffline = new FileSequenceStore(file);
        long session = killedWhileOffline.pendingSession();
        assertThat(killedWhileOffline.pendingSession()).as("every failed attempt reuses it").isEqualTo(session);
        long offlineReading = killedWhileOffline.next();

        try (FileSequenceStore nextRun = new FileSequenceStore(file)) {
            assertThat(nextRun.pendingSession()).isEqualTo(session);
            assertThat(nextRun.next()).isEqualTo(offlineReading + 1);
            nextRun.sessionAnnounced(session);
            assertThat(nextRun.pendingSession()).isEqualTo(offlineReading + 2);
        }
    }

    @Test
    void continues_without_a_hole_after_a_restart() {
        Path file = dir.resolve("seq");
        try (FileSequenceStore store = new FileSequenceStore(file)) {
            for (int i = 0; i < 1500; i++) {
                store.next();
            }
        }
        try (FileSequenceStore reopened = new FileSequenceStore(file)) {
            assertThat(reopened.next()).isEqualTo(1500);
        }
    }

    @Test
    void continues_without_a_hole_when_the_process_was_killed_without_closing() {
        Path file = dir.resolve("seq");
        FileSequenceStore abandoned = new FileSequenceStore(file);
        abandoned.next();
        abandoned.next();
        // no close(): the unsynced write is still in the page cache, as after kill -9

        try (FileSequenceStore reopened = new FileSequenceStore(file)) {
            assertThat(reopened.next()).isEqualTo(2);
        }
    }

    @Test
    void keeps_its_epoch_across_restarts_and_gets_a_new_one_when_numbering_restarts() throws Exception {
        Path file = dir.resolve("seq");
        String first;
        try (FileSequenceStore store = new FileSequenceStore(file)) {
            first = store.epoch();
            store.next();
        }
        try (FileSequenceStore reopened = new FileSequenceStore(file)) {
            assertThat(reopened.epoch()).isEqualTo(first);
        }
        Files.delete(file);
        try (FileSequenceStore wiped = new FileSequenceStore(file)) {
            assertThat(wiped.next()).isZero();
            assertThat(wiped.epoch()).isNotEqualTo(first);
        }
    }

    @Test
    void never_reuses_a_number_when_the_last_write_was_lost_to_a_power_cut() throws Exception {
        Path file = dir.resolve("seq");
        try (FileSequenceStore store = new FileSequenceStore(file)) {
            for (int i = 0; i < 10; i++) {
                store.next();
            }
        }
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(8);
            raw.writeLong(3);
            raw.writeLong(12345);
        }

        try (FileSequenceStore reopened = new FileSequenceStore(file)) {
            assertThat(reopened.next()).isEqualTo(FileSequenceStore.BLOCK);
        }
    }
}
