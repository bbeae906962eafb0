package org.kioskops.agent.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kioskops.agent.uplink.OutboundMessage;

/** The head of an outbox held as an insertion-ordered map of id to message. */
final class OutboxEntries {
    private OutboxEntries() {
    }

    static List<Outbox.Entry> head(Map<Long, OutboundMessage> entries, int max) {
        List<Outbox.Entry> head = new ArrayList<>(Math.min(max, entries.size()));
        for (Map.Entry<Long, OutboundMessage> e : entries.entrySet()) {
            if (head.size() >= max) {
                break;
            }
            head.add(new Outbox.Entry(e.getKey(), e.getValue()));
        }
        return head;
    }
}
