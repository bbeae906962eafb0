package org.kioskops.hub.mqtt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.kioskops.hub.ingest.ReceiptSender;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.Receipt;
import org.kioskops.protocol.Topics;

/** Receipts over the hub's MQTT connection, at QoS 0 on the device's {@code receipt} topic. */
@ApplicationScoped
public class PahoReceiptSender implements ReceiptSender {
    private final ProtocolCodec codec = new ProtocolCodec();

    @Inject
    PahoIngestClient client;

    @Override
    public boolean send(Receipt receipt) {
        return client.publishAtMostOnce(Topics.receiptTopic(receipt.deviceId()), codec.encode(receipt));
    }
}
