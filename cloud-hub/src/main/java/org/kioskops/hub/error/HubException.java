package org.kioskops.hub.error;

/** A request the hub refuses, with its {@link ErrorCode} and a detail for this occurrence. */
public final class HubException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorCode error;

    public HubException(ErrorCode error, String detail) {
        super(detail);
        this.error = error;
    }

    public ErrorCode error() {
        return error;
    }
}
