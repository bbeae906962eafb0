package org.kioskops.hub.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * Files written whole or not at all: copied to a temporary file beside the target while their SHA-256 is
 * computed, then renamed into place; a copy over the limit leaves nothing behind.
 */
public final class HashedFiles {
    private HashedFiles() {
    }

    /** What was written. */
    public record Written(long bytes, String sha256) {
    }

    /** A copy that went over its limit. */
    public static final class TooLargeException extends IOException {
        public TooLargeException(String message) {
            super(message);
        }
    }

    /**
     * Copies {@code content} to {@code target}, replacing it.
     *
     * @throws TooLargeException when it is longer than {@code maxBytes}
     */
    public static Written write(InputStream content, Path target, long maxBytes) throws IOException {
        return write(content, target.toAbsolutePath().getParent(), maxBytes, w -> target);
    }

    /**
     * Copies {@code content} into {@code dir}, under the name {@code target} gives once its hash is known (so
     * files can be kept by content).
     *
     * @throws TooLargeException when it is longer than {@code maxBytes}
     */
    public static Written write(InputStream content, Path dir, long maxBytes, Function<Written, Path> target)
            throws IOException {
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "upload-", ".part");
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long total = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
                    total += n;
                    if (total > maxBytes) {
                        throw new TooLargeException("larger than " + maxBytes + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            }
            Written written = new Written(total, HexFormat.of().formatHex(sha256.digest()));
            Files.move(temp, target.apply(written), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
