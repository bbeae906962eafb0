package org.kioskops.agent.sequence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * A {@link SequenceStore} in a 40-byte file: a reserved upper bound, synced to disk once per block of
 * numbers, the last number handed out with its checksum, written without sync on every call, and the
 * session number reserved for a will but not yet announced, with its checksum.
 *
 * <p>After a clean stop or a killed process the page cache still holds the last number, so numbering
 * continues without a hole. After a power cut that lost the unsynced write, numbering resumes at the
 * synced bound: up to {@link #BLOCK} numbers are skipped (the hub reports them as a gap) but none is
 * ever reused, which would make the hub discard new messages as duplicates.
 */
public final class FileSequenceStore implements SequenceStore {
    /** Numbers reserved per synced write. */
    public static final long BLOCK = 1000;
    private static final int SIZE = 24;
    /** After the 24-byte header: a reserved session number not yet announced, with its checksum. */
    private static final int PENDING_AT = 24;

    private final FileChannel channel;
    private final String epoch;
    private final ByteBuffer lastBuffer = ByteBuffer.allocate(16);
    private long next;
    private long reserved;
    private long pending = -1;
    private final ByteBuffer pendingBuffer = ByteBuffer.allocate(16);

    public FileSequenceStore(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            epoch = loadOrCreateEpoch(file.resolveSibling(file.getFileName() + ".epoch"), Files.exists(file));
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            ByteBuffer header = ByteBuffer.allocate(SIZE);
            while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
                // read the whole header
            }
            if (header.position() < SIZE) {
                reserved = 0;
                next = 0;
            } else {
                header.flip();
                reserved = header.getLong();
                long last = header.getLong();
                long crc = header.getLong();
                next = crc == checksum(last) && last >= 0 && last < reserved ? last + 1 : reserved;
                ByteBuffer kept = ByteBuffer.allocate(16);
                while (kept.hasRemaining() && channel.read(kept, PENDING_AT + kept.position()) > 0) {
                    // read the pending session, if the file has one
                }
                if (kept.position() == 16 && kept.getLong(0) >= 0 && kept.getLong(0) < next && kept.getLong(8) == checksum(kept.getLong(0))) {
                    pending = kept.getLong(0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open sequence file " + file, e);
        }
    }

    /** A new epoch whenever numbering starts from zero, that is whenever the sequence file is new. */
    private static String loadOrCreateEpoch(Path epochFile, boolean sequenceExists) throws IOException {
        if (sequenceExists && Files.exists(epochFile)) {
            String stored = Files.readString(epochFile).trim();
            if (!stored.isEmpty()) {
                return stored;
            }
        }
        String created = Long.toHexString(new SecureRandom().nextLong());
        Files.writeString(epochFile, created + "\n", StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        return created;
    }

    @Override
    public String epoch() {
        return epoch;
    }

    @Override
    public synchronized long next() {
        long n = next++;
        try {
            if (n >= reserved) {
                reserved = n + BLOCK;
                ByteBuffer bound = ByteBuffer.allocate(8).putLong(0, reserved);
                channel.write(bound, 0);
                channel.force(false);
            }
            lastBuffer.clear();
            lastBuffer.putLong(n).putLong(checksum(n)).flip();
            channel.write(lastBuffer, 8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record sequence number " + n, e);
        }
        return n;
    }

    @Override
    public synchronized long pendingSession() {
        if (pending < 0) {
            pending = next();
            writePending(pending);
        }
        return pending;
    }

    @Override
    public synchronized void sessionAnnounced(long session) {
        if (pending == session) {
            pending = -1;
            writePending(-1);
        }
    }

    /** Written without sync: it only has to outlive a killed process; a power cut costs one number (a gap). */
    private void writePending(long session) {
        pendingBuffer.clear();
        pendingBuffer.putLong(session).putLong(session < 0 ? 0 : checksum(session)).flip();
        try {
            channel.write(pendingBuffer, PENDING_AT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the pending session " + session, e);
        }
    }

    private static long checksum(long value) {
        CRC32 crc = new CRC32();
        crc.update(ByteBuffer.allocate(8).putLong(0, value));
        return crc.getValue();
    }

    @Override
    public synchronized void close() {
        try {
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
