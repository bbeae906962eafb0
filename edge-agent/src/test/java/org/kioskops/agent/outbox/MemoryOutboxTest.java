package org.kioskops.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kioskops.agent.uplink.OutboundMessage;

class MemoryOutboxTest {
    private static OutboundMessage message(long seq) {
        return new OutboundMessage("kioskops/v1/k/telemetry", new byte[] {1}, 1, false, seq);
    }

    @Test
    void keeps_messages_in_order_until_removed() {
        MemoryOutbox outbox = new MemoryOutbox(10);
        long first = outbox.append(message(1));
        outbox.append(message(2));

        outbox.remove(first);

        assertThat(outbox.peek(10)).extracting(e -> e.message().seq()).containsExactly(2L);
    }

    @Test
    void drops_the_oldest_when_full_and_counts_it() {
        MemoryOutbox outbox = new MemoryOutbox(3);
        for (long seq = 1; seq <= 5; seq++) {
            outbox.append(message(seq));
        }

        assertThat(outbox.peek(10)).extracting(e -> e.message().seq()).containsExactly(3L, 4L, 5L);
        assertThat(outbox.dropped()).isEqualTo(2);
    }
}
