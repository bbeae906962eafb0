package org.kioskops.agent;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.ProtocolException;
import org.kioskops.protocol.Receipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the hub's receipts as they arrive: a receipt that does not decode, or that belongs to another numbering
 * (an epoch before the box's state was lost), confirms nothing; the messages it would have named are sent
 * again and confirmed by the next one.
 */
final class ReceiptIntake {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptIntake.class);

    private final String deviceId;
    private final Supplier<String> epoch;
    private final Consumer<Receipt> publisher;
    private final ProtocolCodec codec = new ProtocolCodec();

    ReceiptIntake(String deviceId, Supplier<String> epoch, Consumer<Receipt> publisher) {
        this.deviceId = deviceId;
        this.epoch = epoch;
        this.publisher = publisher;
    }

    void accept(byte[] payload) {
        Receipt receipt;
        try {
            receipt = codec.decodeReceipt(deviceId, payload);
        } catch (ProtocolException e) {
            LOG.warn("{} ignored a receipt it cannot read: {}", deviceId, e.getMessage());
            return;
        }
        String ours = epoch.get();
        if (receipt.epoch() != null && ours != null && !receipt.epoch().equals(ours)) {
            LOG.debug("{} ignored a receipt for epoch {} (ours is {})", deviceId, receipt.epoch(), ours);
            return;
        }
        publisher.accept(receipt);
    }
}
