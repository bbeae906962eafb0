/**
 * From transport to database: every device message from MQTT or CoAP ({@link InboundMessage}) goes to the worker that
 * owns its device and holds its state in memory, is applied in order (admission, redeliveries and gaps by sequence
 * number, liveness), and is stored in batches (telemetry store, then plain JDBC in one transaction) before it is
 * acknowledged and, to devices that ask, confirmed by a receipt through the {@link ReceiptSender} port. A storage
 * outage holds messages unacknowledged (backpressure, not loss); refusals are counted and listed
 * ({@link RejectionLog}). It writes the state tables of {@code org.kioskops.hub.device} and the telemetry through its
 * store; devices' answers to other features' orders (commands, configuration, updates) go to those features through
 * the {@link DeviceAnswerStore} port, in the same transaction.
 */
package org.kioskops.hub.ingest;
