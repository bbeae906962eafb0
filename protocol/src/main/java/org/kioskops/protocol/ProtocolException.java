package org.kioskops.protocol;

/**
 * A device message that violates the contract. Carries one {@link ProtocolError}, the JSON path of the
 * offending field where one is known, and a human-readable detail that never includes payload content
 * beyond the offending value's type.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ProtocolError error;
    private final String field;

    public ProtocolException(ProtocolError error, String field, String detail) {
        super(detail);
        this.error = error;
        this.field = field;
    }

    public ProtocolException(ProtocolError error, String detail) {
        this(error, null, detail);
    }

    /** The kind of violation. */
    public ProtocolError error() {
        return error;
    }

    /** JSON path of the offending field (for example {@code samples[2].screen.state}), or null. */
    public String field() {
        return field;
    }

    /** The detail without the code; see {@link #getMessage()}. */
    public String detail() {
        return super.getMessage();
    }

    @Override
    public String getMessage() {
        return error.code() + (field == null ? "" : " at " + field) + ": " + super.getMessage();
    }
}
