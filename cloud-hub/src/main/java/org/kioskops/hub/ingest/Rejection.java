package org.kioskops.hub.ingest;

import java.time.Instant;

/**
 * One refused message, as shown by {@code GET /api/ingest/rejections}.
 *
 * @param deviceId the device id from the topic, when the topic had one
 * @param code     a {@link org.kioskops.protocol.ProtocolError} or {@link IngestError} code
 * @param field    JSON path of the offending field, when known
 */
public record Rejection(Instant at, String topic, String deviceId, String code, String field, String detail) {
}
