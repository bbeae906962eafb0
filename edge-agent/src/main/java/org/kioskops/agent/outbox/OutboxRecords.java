package org.kioskops.agent.outbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.kioskops.agent.uplink.OutboundMessage;

/**
 * The on-disk form of one outbox entry: {@code [int length][int crc32c][body]}, where the body holds the
 * entry id, the message's sequence number, QoS, retain flag, topic, correlation data and payload. The
 * checksum lets recovery tell a record torn by a power cut from a whole one.
 */
final class OutboxRecords {
    /** Length and checksum. */
    static final int HEADER = 8;
    /** Larger than any message the protocol allows, smaller than anything a corrupt length would claim. */
    static final int MAX_BODY = 1 << 20;

    private OutboxRecords() {
    }

    static ByteBuffer encode(long id, OutboundMessage m) {
        byte[] topic = m.topic().getBytes(StandardCharsets.UTF_8);
        byte[] correlation = m.correlationData() == null ? new byte[0] : m.correlationData();
        int body = 8 + 8 + 1 + 1 + 2 + topic.length + 2 + correlation.length + 4 + m.payload().length;
        if (body > MAX_BODY) {
            throw new IllegalArgumentException("message of " + m.payload().length + " bytes is too large for the outbox");
        }
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + body);
        buffer.putInt(body).putInt(0);
        buffer.putLong(id).putLong(m.seq()).put((byte) m.qos()).put((byte) (m.retained() ? 1 : 0));
        buffer.putShort((short) topic.length).put(topic);
        buffer.putShort((short) correlation.length).put(correlation);
        buffer.putInt(m.payload().length).put(m.payload());
        buffer.putInt(4, crc(buffer.array(), HEADER, body));
        return buffer.flip();
    }

    /** Decodes a body whose checksum was verified; returns the entry. */
    static Outbox.Entry decode(ByteBuffer body) {
        long id = body.getLong();
        long seq = body.getLong();
        int qos = body.get();
        boolean retained = body.get() == 1;
        byte[] topic = new byte[Short.toUnsignedInt(body.getShort())];
        body.get(topic);
        byte[] correlation = new byte[Short.toUnsignedInt(body.getShort())];
        body.get(correlation);
        byte[] payload = new byte[body.getInt()];
        body.get(payload);
        return new Outbox.Entry(id, new OutboundMessage(new String(topic, StandardCharsets.UTF_8), payload, qos, retained, seq,
                correlation.length == 0 ? null : correlation));
    }

    static int crc(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }
}
