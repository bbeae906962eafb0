package org.kioskops.protocol;

/**
 * Every way a device message can violate the contract. Each value is a stable, lower-case wire code
 * ({@link #code()}) that the hub counts and reports; a message is rejected with exactly one of them.
 */
public enum ProtocolError {
    /** The topic is not {@code kioskops/v1/{deviceId}/{kind}} with a known kind and a valid device id. */
    TOPIC_INVALID("topic_invalid"),
    /** The payload exceeds {@link Limits#MAX_PAYLOAD_BYTES}. */
    PAYLOAD_TOO_LARGE("payload_too_large"),
    /** The payload is not well-formed JSON, or not a JSON object. */
    MALFORMED_JSON("malformed_json"),
    /** A field has the wrong JSON type, for example a string where a number is required. */
    WRONG_TYPE("wrong_type"),
    /** A required field is absent or null. */
    MISSING_FIELD("missing_field"),
    /** A field is of the right type but out of range, too long or badly formatted. */
    INVALID_VALUE("invalid_value"),
    /** An enumerated field (screen state, health kind, event type...) has a value this version does not know. */
    UNKNOWN_ENUM_VALUE("unknown_enum_value"),
    /** The major protocol version in {@code v} is not supported by this receiver. */
    UNSUPPORTED_VERSION("unsupported_version"),
    /** The {@code deviceId} in the payload differs from the device id in the topic. */
    DEVICE_ID_MISMATCH("device_id_mismatch"),
    /** A batch holds no sample or event. */
    EMPTY_BATCH("empty_batch"),
    /** A batch or list holds more entries than {@link Limits} allows. */
    BATCH_TOO_LARGE("batch_too_large"),
    /** A settings document names a setting this version does not know. */
    UNKNOWN_FIELD("unknown_field");

    private final String code;

    ProtocolError(String code) {
        this.code = code;
    }

    /** The stable wire code, used in metrics labels, API responses and the documentation. */
    public String code() {
        return code;
    }
}
