package org.kioskops.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kioskops.protocol.DeviceEvent;
import org.kioskops.protocol.EventType;
import org.kioskops.protocol.Limits;

/** A burst of locker events becomes one message per window; a full batch goes at once; a hung agent holds them. */
class EventBatcherTest {
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    private final List<List<DeviceEvent>> sent = new CopyOnWriteArrayList<>();
    private final AtomicBoolean held = new AtomicBoolean();

    @AfterEach
    void stop() {
        loop.shutdownNow();
    }

    private static DeviceEvent deposit(int compartment) {
        return DeviceEvent.compartment(Instant.parse("2026-12-02T08:00:00Z"), EventType.PARCEL_DEPOSITED, "A", compartment);
    }

    private void onLoop(Runnable... steps) throws Exception {
        loop.submit(() -> {
            for (Runnable step : steps) {
                step.run();
            }
        }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void events_within_one_window_leave_as_one_batch() throws Exception {
        EventBatcher batcher = new EventBatcher(loop, () -> 200, held::get, sent::add);

        onLoop(() -> batcher.add(deposit(1)), () -> batcher.add(deposit(2)), () -> batcher.add(deposit(3)));

        assertThat(sent).as("nothing before the window closes").isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 1);
        assertThat(sent.get(0)).extracting(DeviceEvent::compartment).containsExactly(1, 2, 3);
    }

    @Test
    void a_full_batch_leaves_at_once_without_waiting_for_the_window() throws Exception {
        EventBatcher batcher = new EventBatcher(loop, () -> 60_000, held::get, sent::add);

        onLoop(() -> {
            for (int i = 0; i <= Limits.MAX_EVENTS_PER_BATCH; i++) {
                batcher.add(deposit(i));
            }
        });

        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).hasSize(Limits.MAX_EVENTS_PER_BATCH);
        onLoop(batcher::flush);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).extracting(DeviceEvent::compartment).containsExactly(Limits.MAX_EVENTS_PER_BATCH);
    }

    @Test
    void a_held_batcher_keeps_its_events_until_released() throws Exception {
        EventBatcher batcher = new EventBatcher(loop, () -> 60_000, held::get, sent::add);
        held.set(true);

        onLoop(() -> batcher.add(deposit(7)), batcher::flush);
        assertThat(sent).isEmpty();

        held.set(false);
        onLoop(batcher::flush);
        assertThat(sent).singleElement().satisfies(batch -> assertThat(batch).extracting(DeviceEvent::compartment).containsExactly(7));
    }
}
