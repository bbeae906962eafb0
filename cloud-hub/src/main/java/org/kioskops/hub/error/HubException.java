package org.kioskops.hub.error;

import java.time.Duration;
import java.util.Optional;

/** A request the hub refuses, with its {@link ErrorCode} and a detail for this occurrence. */
public final class HubException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorCode error;
    private final Duration retryAfter;

    public HubException(ErrorCode error, String detail) {
        this(error, detail, null);
    }

    /** A refusal the caller may try again after {@code retryAfter} (HTTP {@code Retry-After}). */
    public HubException(ErrorCode error, String detail, Duration retryAfter) {
        super(detail);
        this.error = error;
        this.retryAfter = retryAfter;
    }

    public ErrorCode error() {
        return error;
    }

    /** When the request may be tried again; empty if that is not a matter of time. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
