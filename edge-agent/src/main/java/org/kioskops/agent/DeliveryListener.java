package org.kioskops.agent;

import org.kioskops.agent.uplink.OutboundMessage;

/**
 * Told what becomes of the agent's data messages, on the agent's loop: for the simulator's sequence checks,
 * which compare what the hub stored with what each box was told is safe.
 */
public interface DeliveryListener {
    /** A data message was numbered and put in the outbox. */
    void queued(OutboundMessage message);

    /**
     * A data message left the outbox confirmed: by the hub's receipt, or by the broker with
     * {@code outbox.confirmation: broker}, or by a CoAP answer.
     */
    void confirmed(OutboundMessage message);
}
