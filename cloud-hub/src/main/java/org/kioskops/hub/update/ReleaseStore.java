package org.kioskops.hub.update;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;

/**
 * Keeps release files by content (their SHA-256): written whole or not at all, read from any offset so that
 * downloads resume.
 */
public interface ReleaseStore {
    /** What was kept. */
    record Stored(long bytes, String sha256) {
    }

    /**
     * Keeps a file.
     *
     * @throws TooLargeException when it is longer than {@code maxBytes}; nothing is kept then
     */
    Stored put(InputStream content, long maxBytes) throws IOException;

    /** The file with this hash, to read from any position; the caller closes it. */
    SeekableByteChannel open(String sha256) throws IOException;

    /** A release over the limit. */
    final class TooLargeException extends IOException {
        public TooLargeException(String message) {
            super(message);
        }
    }
}
