package org.kioskops.hub.api;

import java.util.Optional;

/**
 * One byte range of an HTTP {@code Range} header (RFC 9110): {@code bytes=first-last}, {@code bytes=first-} or the
 * suffix {@code bytes=-length}, resolved against the file's size. Multiple ranges are not served (the whole file
 * is, as the RFC allows).
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
record ByteRange(long first, long last) {
    long length() {
        return last - first + 1;
    }

    /**
     * The range a header asks for in a file of {@code size} bytes; empty for no header or one that is not a single
     * byte range (the whole file is served then).
     *
     * @throws Unsatisfiable when the range lies outside the file
     */
    static Optional<ByteRange> parse(String header, long size) throws Unsatisfiable {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return Optional.empty();
        }
        String spec = header.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            String from = spec.substring(0, dash).strip();
            String to = spec.substring(dash + 1).strip();
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix <= 0 || size == 0) {
                    throw new Unsatisfiable(size);
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
            if (first >= size || last < first) {
                throw new Unsatisfiable(size);
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A range outside the file: answered 416 with the file's size. */
    static final class Unsatisfiable extends Exception {
        final long size;

        Unsatisfiable(long size) {
            super("bytes */" + size);
            this.size = size;
        }
    }
}
