package org.kioskops.hub.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The path from broker to database. */
@ConfigMapping(prefix = "kioskops.ingest")
public interface IngestConfig {
    /** Worker threads; each owns the devices hashed to it, so a device's messages stay in order. */
    @WithDefault("2")
    int workers();

    /** Messages waiting per worker; a full queue blocks the MQTT client, which stops reading (backpressure). */
    @WithDefault("10000")
    int queueCapacity();

    /** Most messages stored in one transaction. */
    @WithDefault("1000")
    int maxBatch();

    /**
     * How long a device's latest state (last seen, vitals, sequence counts) may wait in memory before it
     * is written, when nothing important changed. Telemetry, events and compartment changes are always
     * written with their batch; connection changes and births at once. Writing the state of a busy
     * device at most this often halves the database's work; after a crash the sequence counts are
     * rebuilt from the stored messages. 0 writes it with every batch (always so with InfluxDB).
     */
    @WithDefault("1s")
    Duration stateFlushInterval();

    /**
     * How long a worker that found only a few messages waits for more before storing them: one commit
     * then carries more messages, which under load saves more time than it costs.
     */
    @WithDefault("5ms")
    Duration linger();

    /**
     * How long the receipts a device is owed may gather before they go out together (contract 1.5): one receipt
     * then names every number stored meanwhile, which spares the broker a message per batch. Agents wait 30 s
     * for a receipt before sending again, so a second costs nothing. An idle worker sends at once.
     */
    @WithDefault("1s")
    Duration receiptLinger();

    /** Recent rejections kept for {@code GET /api/ingest/rejections}. */
    @WithDefault("500")
    int rejectionLogSize();
}
