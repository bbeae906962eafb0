package org.kioskops.agent.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.kioskops.agent.config.OutboxSettings;
import org.kioskops.agent.uplink.OutboundMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Outbox} on disk that survives a killed process and, with {@link OutboxSettings.Fsync#ALWAYS},
 * a power cut. Messages are appended to segment files named by their first entry id; a small head file
 * records the first entry not yet acknowledged and the drop count. Segments wholly behind the head are
 * deleted.
 *
 * <p>Why the head file is written without fsync: after a power cut a stale head only replays messages the
 * broker already has, and the hub keeps one copy per sequence number; syncing it on every acknowledgement
 * would double the writes to the box's SD card. Acknowledgements that arrive out of order are not
 * remembered across a restart, for the same reason.
 *
 * <p>Recovery reads only the last segment: a record torn by a power cut (short, or failing its checksum)
 * ends the log and is cut off. A damaged record inside an older segment drops the rest of that segment,
 * counted as dropped and logged.
 *
 * <p>Only a bounded window of entries from the head is kept in memory; the rest is read back from disk as
 * the publisher asks for it, so a week of backlog does not cost a week of heap.
 */
public final class FileOutbox implements Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(FileOutbox.class);
    private static final String SUFFIX = ".seg";
    private static final int HEAD_SIZE = 20;
    /** Entries decoded and kept in memory ahead of the broker's acknowledgements. */
    static final int WINDOW = 1024;

    private final Path dir;
    private final OutboxSettings settings;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private final TreeMap<Long, OutboundMessage> window = new TreeMap<>();
    private final FileChannel headChannel;
    private final ByteBuffer headBuffer = ByteBuffer.allocate(HEAD_SIZE);
    private Segment tail;
    private FileChannel tailChannel;
    private Segment readSegment;
    private FileChannel readChannel;
    private long readPosition;
    private long readNextId;
    private long nextId;
    private long live;
    private long dropped;
    private long totalBytes;
    private long writtenHead = -1;
    private long lastSyncNanos = System.nanoTime();
    private boolean unsynced;

    /** Opens the outbox in {@code dir}, creating it or recovering what a previous run left. */
    public FileOutbox(Path dir, OutboxSettings settings) {
        this.dir = dir;
        this.settings = settings;
        try {
            Files.createDirectories(dir);
            headChannel = FileChannel.open(dir.resolve("head"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            recover();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the outbox in " + dir, e);
        }
    }

    private void recover() throws IOException {
        long[] stored = readHead();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("\\d{20}\\" + SUFFIX)).toList()) {
                long first = Long.parseLong(file.getFileName().toString().substring(0, 20));
                segments.put(first, new Segment(first, file, Files.size(file)));
            }
        }
        dropped = stored == null ? 0 : stored[1];
        if (segments.isEmpty()) {
            long start = stored == null ? 0 : stored[0];
            tail = newSegment(start);
            nextId = start;
        } else {
            tail = segments.lastEntry().getValue();
            tailChannel = FileChannel.open(tail.file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            nextId = truncateTornTail();
        }
        long head = stored == null ? segments.firstKey() : Math.max(stored[0], segments.firstKey());
        head = Math.min(head, nextId);
        for (Segment s : segments.values()) {
            totalBytes += s.size;
        }
        readSegment = segments.floorEntry(head).getValue();
        readPosition = 0;
        readNextId = readSegment.firstId;
        while (readNextId < head && skipRecord()) {
            // position the cursor on the head entry
        }
        live = nextId - readNextId;
        deleteSegmentsBehind(readNextId);
        writeHead();
        if (live > 0) {
            LOG.info("outbox in {} holds {} messages from before the restart ({} bytes on disk)", dir, live, totalBytes);
        }
    }

    /** Scans the last segment, cuts off a torn record and returns the id after the last whole one. */
    private long truncateTornTail() throws IOException {
        long position = 0;
        long id = tail.firstId;
        while (true) {
            ByteBuffer body = readRecord(tailChannel, position, tail.size);
            if (body == null || body.getLong(0) != id) {
                break;
            }
            position += OutboxRecords.HEADER + body.capacity();
            id++;
        }
        if (position < tail.size) {
            LOG.warn("outbox segment {} ends in a torn record (power cut?): cut {} bytes after {} whole records", tail.file,
                    tail.size - position, id - tail.firstId);
            tailChannel.truncate(position);
            tail.size = position;
        }
        return id;
    }

    /** The body of the record at {@code position}, checksum verified; null at the end or on damage. */
    private static ByteBuffer readRecord(FileChannel channel, long position, long limit) throws IOException {
        if (position + OutboxRecords.HEADER > limit) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(OutboxRecords.HEADER);
        readFully(channel, header, position);
        int length = header.getInt(0);
        if (length < 24 || length > OutboxRecords.MAX_BODY || position + OutboxRecords.HEADER + length > limit) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(channel, body, position + OutboxRecords.HEADER);
        if (OutboxRecords.crc(body.array(), 0, length) != header.getInt(4)) {
            return null;
        }
        return body.flip();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    @Override
    public synchronized long append(OutboundMessage message) {
        ByteBuffer record = OutboxRecords.encode(nextId, message);
        try {
            if (tail.size > 0 && tail.size + record.remaining() > settings.segmentBytes()) {
                roll();
            }
            boolean caughtUp = readSegment == tail && readPosition == tail.size && readNextId == nextId;
            long position = tail.size;
            while (record.hasRemaining()) {
                position += tailChannel.write(record, position);
            }
            totalBytes += position - tail.size;
            tail.size = position;
            unsynced = true;
            if (settings.fsync() == OutboxSettings.Fsync.ALWAYS
                    || settings.fsync() == OutboxSettings.Fsync.INTERVAL
                    && System.nanoTime() - lastSyncNanos >= settings.fsyncIntervalMillis() * 1_000_000L) {
                sync();
            }
            if (caughtUp && window.size() < WINDOW) {
                window.put(nextId, message);
                readPosition = tail.size;
                readNextId = nextId + 1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the outbox in " + dir, e);
        }
        live++;
        long id = nextId++;
        enforceBounds();
        return id;
    }

    private void roll() throws IOException {
        if (settings.fsync() != OutboxSettings.Fsync.NEVER) {
            sync();
        }
        boolean cursorAtEnd = readSegment == tail && readPosition == tail.size;
        if (readChannel == tailChannel) {
            readChannel = null;
        }
        tailChannel.close();
        tail = newSegment(nextId);
        if (cursorAtEnd) {
            moveCursorTo(tail);
        }
    }

    private Segment newSegment(long firstId) throws IOException {
        Path file = dir.resolve(String.format("%020d", firstId) + SUFFIX);
        tailChannel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        if (settings.fsync() == OutboxSettings.Fsync.ALWAYS) {
            // a new file's name must be on disk too, or a power cut loses the whole segment
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        }
        Segment segment = new Segment(firstId, file, 0);
        segments.put(firstId, segment);
        return segment;
    }

    private void sync() throws IOException {
        if (unsynced) {
            tailChannel.force(false);
            unsynced = false;
        }
        lastSyncNanos = System.nanoTime();
    }

    private void enforceBounds() {
        while (live > settings.maxMessages()) {
            if (window.isEmpty() && !load()) {
                break;
            }
            Iterator<Long> oldest = window.keySet().iterator();
            oldest.next();
            oldest.remove();
            live--;
            dropped++;
        }
        while (totalBytes > settings.maxBytes() && segments.size() > 1) {
            dropSegment(segments.firstEntry().getValue());
        }
        advanceHead();
    }

    /** Drops every entry of the oldest segment, counting those not yet acknowledged. */
    private void dropSegment(Segment oldest) {
        long lastId = lastId(oldest);
        Iterator<Long> ids = window.keySet().iterator();
        while (ids.hasNext() && ids.next() <= lastId) {
            ids.remove();
            live--;
            dropped++;
        }
        if (readSegment == oldest) {
            long unread = lastId - readNextId + 1;
            live -= unread;
            dropped += unread;
            moveCursorTo(segments.higherEntry(oldest.firstId).getValue());
        }
        deleteSegmentsBehind(head());
    }

    private long lastId(Segment segment) {
        Map.Entry<Long, Segment> next = segments.higherEntry(segment.firstId);
        return next == null ? nextId - 1 : next.getKey() - 1;
    }

    private void moveCursorTo(Segment segment) {
        closeReadChannel();
        readSegment = segment;
        readPosition = 0;
        readNextId = segment.firstId;
    }

    private long head() {
        return window.isEmpty() ? readNextId : window.keySet().iterator().next();
    }

    private void advanceHead() {
        long head = head();
        deleteSegmentsBehind(head);
        if (head != writtenHead) {
            writeHead();
        }
    }

    private void deleteSegmentsBehind(long head) {
        while (segments.size() > 1) {
            Segment first = segments.firstEntry().getValue();
            if (lastId(first) >= head) {
                return;
            }
            if (readSegment == first) {
                moveCursorTo(segments.higherEntry(first.firstId).getValue());
            }
            segments.remove(first.firstId);
            totalBytes -= first.size;
            try {
                Files.deleteIfExists(first.file);
            } catch (IOException e) {
                LOG.warn("cannot delete outbox segment {}: {}", first.file, e.toString());
            }
        }
    }

    /** Reads the entry at the cursor into the window; false when there is none left on disk. */
    private boolean load() {
        try {
            while (true) {
                if (readNextId >= nextId) {
                    return false;
                }
                if (readPosition >= readSegment.size || readNextId > lastId(readSegment)) {
                    moveCursorTo(segments.higherEntry(readSegment.firstId).getValue());
                    continue;
                }
                ByteBuffer body = readRecord(channelForReading(), readPosition, readSegment.size);
                if (body == null || body.getLong(0) != readNextId) {
                    skipDamagedRest();
                    continue;
                }
                Outbox.Entry entry = OutboxRecords.decode(body);
                readPosition += OutboxRecords.HEADER + body.capacity();
                readNextId++;
                window.put(entry.id(), entry.message());
                return true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the outbox in " + dir, e);
        }
    }

    /** Moves the cursor past one record without decoding it; false at the end of the log. */
    private boolean skipRecord() throws IOException {
        if (readPosition >= readSegment.size || readNextId > lastId(readSegment)) {
            Map.Entry<Long, Segment> next = segments.higherEntry(readSegment.firstId);
            if (next == null) {
                return false;
            }
            moveCursorTo(next.getValue());
            return true;
        }
        ByteBuffer body = readRecord(channelForReading(), readPosition, readSegment.size);
        if (body == null || body.getLong(0) != readNextId) {
            skipDamagedRest();
            return true;
        }
        readPosition += OutboxRecords.HEADER + body.capacity();
        readNextId++;
        return true;
    }

    private void skipDamagedRest() {
        long lastId = lastId(readSegment);
        long lost = lastId - readNextId + 1;
        LOG.error("outbox segment {} is damaged at byte {}: {} messages in it are lost", readSegment.file, readPosition, lost);
        live -= lost;
        dropped += lost;
        Map.Entry<Long, Segment> next = segments.higherEntry(readSegment.firstId);
        if (next == null) {
            readPosition = readSegment.size;
            readNextId = lastId + 1;
        } else {
            moveCursorTo(next.getValue());
        }
    }

    private FileChannel channelForReading() throws IOException {
        if (readSegment == tail) {
            return tailChannel;
        }
        if (readChannel == null) {
            readChannel = FileChannel.open(readSegment.file, StandardOpenOption.READ);
        }
        return readChannel;
    }

    private void closeReadChannel() {
        if (readChannel != null && readChannel != tailChannel) {
            try {
                readChannel.close();
            } catch (IOException e) {
                LOG.debug("closing outbox segment: {}", e.toString());
            }
        }
        readChannel = null;
    }

    @Override
    public synchronized List<Entry> peek(int max) {
        while (window.size() < max && load()) {
            // fill the window from disk
        }
        return OutboxEntries.head(window, max);
    }

    @Override
    public synchronized List<Entry> peekAfter(long afterId, int max) {
        List<Entry> after = OutboxEntries.head(window.tailMap(afterId, false), max);
        while (after.size() < max && load()) {
            // what load() read is the window's newest entry, after every id the window held
            Map.Entry<Long, OutboundMessage> loaded = window.lastEntry();
            if (loaded.getKey() > afterId) {
                after.add(new Entry(loaded.getKey(), loaded.getValue()));
            }
        }
        return after;
    }

    @Override
    public synchronized void remove(long id) {
        if (window.remove(id) != null) {
            live--;
            advanceHead();
        }
    }

    @Override
    public synchronized int size() {
        return (int) live;
    }

    @Override
    public synchronized long dropped() {
        return dropped;
    }

    /** Bytes of segment files on disk. */
    public synchronized long bytesOnDisk() {
        return totalBytes;
    }

    @Override
    public synchronized void flush() {
        try {
            sync();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync the outbox in " + dir, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            sync();
            writeHead();
            closeReadChannel();
            tailChannel.close();
            headChannel.close();
        } catch (IOException e) {
            LOG.warn("closing the outbox in {}: {}", dir, e.toString());
        }
    }

    private long[] readHead() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(HEAD_SIZE);
        if (headChannel.size() < HEAD_SIZE) {
            return null;
        }
        readFully(headChannel, buffer, 0);
        long head = buffer.getLong(0);
        long drops = buffer.getLong(8);
        if (OutboxRecords.crc(buffer.array(), 0, 16) != buffer.getInt(16) || head < 0 || drops < 0) {
            LOG.warn("outbox head file in {} is damaged; replaying from the oldest segment", dir);
            return null;
        }
        return new long[] {head, drops};
    }

    private void writeHead() {
        long head = head();
        headBuffer.clear();
        headBuffer.putLong(head).putLong(dropped);
        headBuffer.putInt(OutboxRecords.crc(headBuffer.array(), 0, 16));
        headBuffer.flip();
        try {
            while (headBuffer.hasRemaining()) {
                headChannel.write(headBuffer, headBuffer.position());
            }
            writtenHead = head;
        } catch (IOException e) {
            // a stale head replays acknowledged messages, which the hub drops as duplicates: worth a warning, not a stop
            LOG.warn("cannot record the outbox head in {}: {}", dir, e.toString());
        }
    }

    /** One segment file. */
    private static final class Segment {
        final long firstId;
        final Path file;
        long size;

        Segment(long firstId, Path file, long size) {
            this.firstId = firstId;
            this.file = file;
            this.size = size;
        }
    }
}
