package org.kioskops.hub.ingest;

import org.kioskops.protocol.Receipt;

/**
 * Tells a device which of its messages the hub has settled (contract 1.5), so that the device can let them go.
 * Sent after the commit that stored them, never before.
 */
public interface ReceiptSender {
    /**
     * Sends a receipt without waiting for it to arrive.
     *
     * @return false when it could not be handed to the transport now; the device then sends the messages again
     *         and gets its receipt for the copies
     */
    boolean send(Receipt receipt);
}
