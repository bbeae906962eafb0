package org.kioskops.agent.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.kioskops.protocol.Birth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RunHistory} as a one-word file: {@code running} while the agent runs, {@code stopped} after a clean
 * stop. Each write goes to a temporary file that is synced and renamed over the old one, so a power cut
 * leaves either the old word or the new one; finding {@code running} at start means the last run never got
 * to stop.
 */
public final class FileRunHistory implements RunHistory {
    private static final Logger LOG = LoggerFactory.getLogger(FileRunHistory.class);
    private static final String RUNNING = "running";
    private static final String STOPPED = "stopped";

    private final Path file;

    public FileRunHistory(Path file) {
        this.file = file;
    }

    @Override
    public Birth.LastStop begin() {
        Birth.LastStop previous = null;
        try {
            if (Files.exists(file)) {
                String word = Files.readString(file, StandardCharsets.US_ASCII).strip();
                previous = STOPPED.equals(word) ? Birth.LastStop.CLEAN : Birth.LastStop.UNCLEAN;
            }
        } catch (IOException e) {
            LOG.warn("Cannot read {} ({}); reporting the last stop as unknown", file, e.toString());
        }
        write(RUNNING);
        return previous;
    }

    @Override
    public void endCleanly() {
        write(STOPPED);
    }

    private void write(String word) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap((word + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                // the rename itself must survive a power cut
                dir.force(true);
            } catch (IOException e) {
                // not every file system lets a directory be synced
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
