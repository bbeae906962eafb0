package org.kioskops.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kioskops.agent.config.OutboxSettings.Confirmation;
import org.kioskops.agent.outbox.MemoryOutbox;
import org.kioskops.agent.uplink.OutboundMessage;
import org.kioskops.agent.uplink.PublishRefusedException;
import org.kioskops.agent.uplink.Uplink;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.Receipt;

/** The publisher against an uplink the test answers for: what a PUBACK, a refusal and a receipt each do to the outbox. */
class PublisherTest {
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    private final MemoryOutbox outbox = new MemoryOutbox(100);
    private final AgentStats stats = new AgentStats();
    private final ScriptedUplink uplink = new ScriptedUplink();
    private final List<Long> confirmed = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        loop.shutdownNow();
    }

    private Publisher publisher(Confirmation confirmation, int maxUnconfirmed) {
        Publisher publisher = new Publisher("kiosk-1", uplink, outbox, loop, stats,
                new Publisher.Policy(confirmation, Duration.ofMillis(200), maxUnconfirmed, 10_000, Duration.ofSeconds(30)));
        publisher.onConfirmed(m -> confirmed.add(m.seq()));
        publisher.connected(true);
        return publisher;
    }

    private static OutboundMessage telemetry(long seq) {
        return new OutboundMessage("kioskops/v1/kiosk-1/telemetry", ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8), 1, false, seq);
    }

    private static Receipt stored(long from, long to) {
        return new Receipt(DeviceMessage.VERSION, "kiosk-1", Instant.now(), null, List.of(new Receipt.Range(from, to)), List.of());
    }

    @Test
    void keeps_a_message_the_broker_took_until_a_receipt_names_it() {
        Publisher publisher = publisher(Confirmation.HUB, 100);
        publisher.enqueue(telemetry(5));
        uplink.acknowledgeAll();

        await().atMost(Duration.ofSeconds(5)).until(() -> stats.acknowledged() == 1);
        assertThat(outbox.size()).as("the broker has it; the hub has not said it stored it").isEqualTo(1);
        assertThat(publisher.drained()).isNotDone();

        publisher.receipt(stored(5, 5));

        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.size() == 0);
        assertThat(confirmed).containsExactly(5L);
        assertThat(stats.confirmed()).isEqualTo(1);
        assertThat(publisher.drained()).succeedsWithin(Duration.ofSeconds(5));
    }

    @Test
    void a_receipt_that_overtakes_the_puback_confirms_the_message_and_the_puback_still_counts() {
        Publisher publisher = publisher(Confirmation.HUB, 100);
        publisher.enqueue(telemetry(3));
        await().atMost(Duration.ofSeconds(5)).until(() -> uplink.sent().size() == 1);

        publisher.receipt(stored(3, 3));
        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.size() == 0);
        uplink.acknowledge(0);

        await().atMost(Duration.ofSeconds(5)).until(() -> stats.acknowledged() == 1);
        assertThat(stats.confirmed()).isEqualTo(1);
        assertThat(publisher.drained()).succeedsWithin(Duration.ofSeconds(5));
    }

    @Test
    void a_puback_that_refuses_or_finds_no_subscriber_is_not_delivery_and_the_message_goes_again() {
        publisher(Confirmation.BROKER, 100).enqueue(telemetry(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> uplink.sent().size() == 1);

        uplink.refuse(0, 0x10);

        await().atMost(Duration.ofSeconds(5)).until(() -> uplink.sent().size() == 2);
        assertThat(outbox.size()).isEqualTo(1);
        assertThat(stats.refusedByBroker()).isEqualTo(1);
        uplink.acknowledge(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.size() == 0);
        assertThat(confirmed).containsExactly(1L);
    }

    @Test
    void sends_again_on_a_new_connection_what_no_receipt_confirmed() {
        Publisher publisher = publisher(Confirmation.HUB, 100);
        publisher.enqueue(telemetry(1));
        uplink.acknowledgeAll();
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.acknowledged() == 1);

        // a broker that restarted may have lost what it took
        publisher.connected(true);

        await().atMost(Duration.ofSeconds(5)).until(() -> uplink.sent().size() == 2);
        assertThat(uplink.sent().get(1).seq()).isEqualTo(1);
        assertThat(stats.resent()).isEqualTo(1);
    }

    @Test
    void sends_again_a_message_the_hub_passed_over_for_a_later_one() {
        Publisher publisher = publisher(Confirmation.HUB, 100);
        publisher.enqueue(telemetry(1));
        publisher.enqueue(telemetry(2));
        uplink.acknowledgeAll();
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.acknowledged() == 2);

        publisher.receipt(stored(2, 2));

        await().atMost(Duration.ofSeconds(5)).until(() -> uplink.sent().size() == 3);
        assertThat(uplink.sent().get(2).seq()).isEqualTo(1);
        uplink.acknowledgeAll();
        publisher.receipt(stored(1, 1));
        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.size() == 0);
        assertThat(confirmed).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void waits_without_resending_while_the_hub_confirms_nothing() {
        Publisher publisher = publisher(Confirmation.HUB, 100);
        publisher.enqueue(telemetry(1));
        uplink.acknowledgeAll();
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.acknowledged() == 1);

        // five receipt timeouts without any receipt: the hub is away and the broker holds the message for it
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> uplink.sent().size() == 1);
        assertThat(publisher.drained()).isNotDone();
    }

    @Test
    void takes_no_more_than_its_window_out_of_the_outbox_while_receipts_are_missing() {
        Publisher publisher = publisher(Confirmation.HUB, 3);
        for (long seq = 1; seq <= 10; seq++) {
            publisher.enqueue(telemetry(seq));
        }
        uplink.acknowledgeAll();
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.acknowledged() == 3);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> uplink.sent().size() == 3);

        publisher.receipt(stored(1, 3));

        await().atMost(Duration.ofSeconds(5)).until(() -> uplink.sent().size() == 6);
        assertThat(uplink.sent().stream().map(OutboundMessage::seq).toList()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void a_birth_no_receipt_named_goes_again_after_the_next_connections_own_without_the_retain_flag() {
        Publisher publisher = publisher(Confirmation.HUB, 100);
        OutboundMessage birth = new OutboundMessage("kioskops/v1/kiosk-1/birth", new byte[] {'{', '}'}, 1, true, 11);
        publisher.sendFirst(birth);
        uplink.acknowledgeAll();
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.acknowledged() == 1);
        assertThat(publisher.drained()).as("its receipt is still due").isNotDone();

        // the broker was killed after acknowledging it: the next connection announces itself, then the lost birth
        OutboundMessage next = new OutboundMessage("kioskops/v1/kiosk-1/birth", new byte[] {'{', '}'}, 1, true, 13);
        publisher.sendFirst(next);
        publisher.connected(true);

        // untilAsserted: a failure shows what was sent (a clean-clone verify saw this wait time out once)
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(uplink.sent()).extracting(OutboundMessage::seq)
                .containsExactly(11L, 13L, 11L));
        assertThat(uplink.sent().get(1)).isSameAs(next);
        assertThat(uplink.sent().get(2).seq()).isEqualTo(11);
        assertThat(uplink.sent().get(2).retained()).isFalse();
        publisher.receipt(stored(11, 13));
        assertThat(publisher.drained()).succeedsWithin(Duration.ofSeconds(5));
    }

    @Test
    void a_message_the_hub_refused_leaves_the_outbox_counted_not_confirmed() {
        Publisher publisher = publisher(Confirmation.HUB, 100);
        publisher.enqueue(telemetry(7));
        uplink.acknowledgeAll();
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.acknowledged() == 1);

        publisher.receipt(new Receipt(DeviceMessage.VERSION, "kiosk-1", Instant.now(), null, List.of(),
                List.of(new Receipt.Refusal(7, "invalid_value"))));

        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.size() == 0);
        assertThat(stats.refusedByHub()).isEqualTo(1);
        assertThat(confirmed).isEmpty();
    }

    @Test
    void a_puback_is_enough_with_broker_confirmation_or_an_uplink_that_answers_once_stored() {
        publisher(Confirmation.BROKER, 100).enqueue(telemetry(1));
        uplink.acknowledgeAll();
        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.size() == 0);

        uplink.storing = true;
        Publisher overCoap = publisher(Confirmation.HUB, 100);
        assertThat(overCoap.wantsReceipts()).isFalse();
        overCoap.enqueue(telemetry(2));
        uplink.acknowledgeAll();
        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.size() == 0);
        assertThat(confirmed).containsExactly(1L, 2L);
    }

    /** An uplink whose publishes complete when the test says so. */
    private static final class ScriptedUplink implements Uplink {
        private final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();
        private final List<CompletableFuture<Void>> futures = new CopyOnWriteArrayList<>();
        volatile boolean storing;
        private volatile boolean autoAcknowledge;

        List<OutboundMessage> sent() {
            return List.copyOf(sent);
        }

        /** Acknowledges what was sent and everything sent from now on. */
        void acknowledgeAll() {
            autoAcknowledge = true;
            futures.forEach(f -> f.complete(null));
        }

        void acknowledge(int index) {
            await().atMost(Duration.ofSeconds(5)).until(() -> futures.size() > index);
            futures.get(index).complete(null);
        }

        void refuse(int index, int reasonCode) {
            futures.get(index).completeExceptionally(new PublishRefusedException(reasonCode));
        }

        @Override
        public void start(ConnectionHandler handler) {
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public boolean confirmsStorage() {
            return storing;
        }

        @Override
        public CompletableFuture<Void> publish(OutboundMessage message) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            sent.add(message);
            futures.add(done);
            if (autoAcknowledge) {
                done.complete(null);
            }
            return done;
        }

        @Override
        public int inFlightLimit() {
            return 10;
        }

        @Override
        public void disconnect(Duration timeout) {
        }

        @Override
        public void abort() {
        }

        @Override
        public void close() {
        }
    }
}
