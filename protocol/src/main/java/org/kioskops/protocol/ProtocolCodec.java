package org.kioskops.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Encodes and decodes contract messages. Decoding is strict: the payload must be a JSON object no larger
 * than {@link Limits#MAX_PAYLOAD_BYTES}, with every required field present and of the right type, and with
 * the topic's device id; fields this version does not know are ignored. Instances are immutable and
 * thread-safe; share one.
 */
public final class ProtocolCodec {
    private final ObjectMapper reader;
    private final ObjectMapper writer;

    public ProtocolCodec() {
        JsonFactory factory = new JsonFactoryBuilder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(Limits.MAX_NESTING_DEPTH)
                        .maxStringLength(Limits.MAX_PAYLOAD_BYTES)
                        .maxNumberLength(64)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        reader = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        writer = new ObjectMapper()
                .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .registerModule(new SimpleModule("kioskops-protocol").addSerializer(Instant.class, new InstantSerializer()));
    }

    /**
     * Decodes a message received on {@code topic}.
     *
     * @throws ProtocolException naming the first violation found
     */
    public DeviceMessage decode(String topic, byte[] payload) throws ProtocolException {
        Topics.DeviceTopic deviceTopic = Topics.parse(topic);
        return MessageDecoder.decode(deviceTopic, root(payload));
    }

    /** The payload's top-level object, within the size limit and strictly parsed. */
    private JsonFields root(byte[] payload) throws ProtocolException {
        if (payload.length > Limits.MAX_PAYLOAD_BYTES) {
            throw new ProtocolException(ProtocolError.PAYLOAD_TOO_LARGE,
                    payload.length + " bytes, at most " + Limits.MAX_PAYLOAD_BYTES + " allowed");
        }
        JsonNode tree;
        try {
            tree = reader.readTree(payload);
        } catch (IOException e) {
            throw new ProtocolException(ProtocolError.MALFORMED_JSON, firstLine(e.getMessage()));
        }
        return JsonFields.root(tree);
    }

    private byte[] write(Object value, String what) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + what, e);
        }
    }

    /** Decodes a message of a known type, as {@link #decode(String, byte[])} does. */
    public <T extends DeviceMessage> T decode(String topic, byte[] payload, Class<T> type) throws ProtocolException {
        DeviceMessage message = decode(topic, payload);
        if (!type.isInstance(message)) {
            throw new ProtocolException(ProtocolError.TOPIC_INVALID, "topic carries " + message.kind().segment());
        }
        return type.cast(message);
    }

    /** Encodes a message as compact UTF-8 JSON, leaving out null and empty fields. */
    public byte[] encode(DeviceMessage message) {
        return write(message, message.kind() + " of " + message.deviceId());
    }

    /** Encodes a desired configuration for {@link Topics#configTopic}. */
    public byte[] encode(DesiredConfig config) {
        return write(config, "the configuration of " + config.deviceId());
    }

    /**
     * Decodes a desired configuration received on a device's config topic, checking every setting.
     *
     * @throws ProtocolException naming the first violation found
     */
    public DesiredConfig decodeDesired(String deviceId, byte[] payload) throws ProtocolException {
        JsonFields root = root(payload);
        String v = root.requiredString("v", 8);
        String id = root.requiredString("deviceId", Limits.MAX_ID_LENGTH);
        if (!id.equals(deviceId)) {
            throw new ProtocolException(ProtocolError.DEVICE_ID_MISMATCH, "deviceId", "configuration for another device");
        }
        JsonFields settings = root.optionalObject("settings");
        return new DesiredConfig(v, id, root.requiredId("version"), root.requiredInstant("issuedAt"),
                settings == null ? KioskSettings.empty() : KioskSettings.read(settings));
    }

    /** Encodes a command for {@link Topics#commandTopic}. */
    public byte[] encode(Command command) {
        return write(command, "command " + command.commandId());
    }

    /**
     * Decodes a command received on a device's command topic.
     *
     * @throws ProtocolException naming the first violation found
     */
    public Command decodeCommand(String deviceId, byte[] payload) throws ProtocolException {
        return MessageDecoder.command(root(payload), deviceId);
    }

    /** Encodes an update order for {@link Topics#updateTopic}. */
    public byte[] encode(UpdateOrder order) {
        return write(order, "update order " + order.deploymentId());
    }

    /**
     * Decodes an update order received on a device's update topic.
     *
     * @throws ProtocolException naming the first violation found
     */
    public UpdateOrder decodeUpdateOrder(String deviceId, byte[] payload) throws ProtocolException {
        return MessageDecoder.updateOrder(root(payload), deviceId);
    }

    /** Encodes a receipt for {@link Topics#receiptTopic}. */
    public byte[] encode(Receipt receipt) {
        return write(receipt, "a receipt for " + receipt.deviceId());
    }

    /**
     * Decodes a receipt received on a device's receipt topic.
     *
     * @throws ProtocolException naming the first violation found
     */
    public Receipt decodeReceipt(String deviceId, byte[] payload) throws ProtocolException {
        return MessageDecoder.receipt(root(payload), deviceId);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "not valid JSON";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static final class InstantSerializer extends StdSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }
}
