package org.kioskops.hub.ingest;

/**
 * Reasons the hub refuses a message that is valid by the contract. Together with the contract's own
 * {@link org.kioskops.protocol.ProtocolError} codes they form the {@code reason} label of
 * {@code kioskops_ingest_rejected_total}.
 */
public enum IngestError {
    /** The device is not registered and the registry policy is {@code reject}. */
    UNKNOWN_DEVICE("unknown_device"),
    /** An operator rejected the device. */
    DEVICE_REJECTED("device_rejected"),
    /** The device is unknown and the number of pending devices is at its limit. */
    PENDING_LIMIT("pending_limit"),
    /** Storing the message failed while the database was healthy: the message itself cannot be stored. */
    PROCESSING_FAILED("processing_failed"),
    /** A device its transport authenticated (CoAP over DTLS) sent a message as another device. */
    FORGED_DEVICE("forged_device"),
    /** A CoAP request whose content format is neither JSON nor CBOR. */
    UNSUPPORTED_CONTENT_FORMAT("unsupported_content_format"),
    /** A CoAP request whose CBOR payload cannot be read, or holds what JSON cannot (a non-text map key, say). */
    MALFORMED_CBOR("malformed_cbor");

    private final String code;

    IngestError(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
