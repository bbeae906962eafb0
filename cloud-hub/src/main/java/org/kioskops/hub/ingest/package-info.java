/**
 * From transport to database: every device message from MQTT or CoAP ({@link InboundMessage}) goes to the worker that
 * owns its device and holds its state in memory, is applied in order (admission, redeliveries and gaps by sequence
 * number, liveness), and is stored in batches (telemetry store, then plain JDBC in one transaction) before it is
 * acknowledged and, to devices that ask, confirmed by a receipt through the {@link ReceiptSender} port. A storage
 * outage holds messages unacknowledged (backpressure, not loss); refusals are counted and listed
 * ({@link RejectionLog}). No tables of its own: it writes the state tables of {@code org.kioskops.hub.device} and
 * devices' answers into {@code device_command}, {@code device_twin} and {@code rollout_deployment}.
 */
package org.kioskops.hub.ingest;
