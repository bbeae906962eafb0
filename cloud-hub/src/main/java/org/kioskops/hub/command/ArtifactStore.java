package org.kioskops.hub.command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Keeps what devices upload for their commands: one file per command. */
public interface ArtifactStore {
    /** What was kept. */
    record Stored(long bytes, String sha256) {
    }

    /**
     * Keeps an upload, replacing an earlier one of the same command.
     *
     * @throws TooLargeException when it is longer than {@code maxBytes}; nothing is kept then
     */
    Stored put(long commandId, InputStream content, long maxBytes) throws IOException;

    /** The upload of a command, if any; the caller closes the stream. */
    Optional<InputStream> get(long commandId) throws IOException;

    /** An upload over the limit. */
    final class TooLargeException extends IOException {
        public TooLargeException(String message) {
            super(message);
        }
    }
}
