package org.kioskops.sim.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kioskops.protocol.ProtocolException;
import org.kioskops.protocol.Topics;

/**
 * Rewrites recorded traffic for a replay: device ids get a prefix (in the topic and in the payload's
 * {@code deviceId}), and every timestamp in a JSON payload is moved by one offset, so that a recording from
 * last week arrives as if it happened now and under ids that collide with nothing. Sequence numbers are
 * kept: they are what the hub checks.
 */
public final class TrafficRemap {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

    private final String idPrefix;
    private final Duration shift;

    /** @param idPrefix put before every device id ("" for none); @param shift added to every timestamp */
    public TrafficRemap(String idPrefix, Duration shift) {
        this.idPrefix = idPrefix;
        this.shift = shift;
    }

    /**
     * The device and kind of a message a device sent, parsed by the contract; empty for any other topic (the
     * hub's settings and commands to a device, or outside the tree), which a replay leaves out.
     */
    public static Optional<Topics.DeviceTopic> fromDevice(String topic) {
        try {
            return Optional.of(Topics.parse(topic));
        } catch (ProtocolException e) {
            return Optional.empty();
        }
    }

    public String device(String id) {
        String mapped = idPrefix + id;
        if (!Topics.isValidDeviceId(mapped)) {
            throw new IllegalArgumentException("device id " + mapped + " is not valid after adding the prefix");
        }
        return mapped;
    }

    /** The topic of the same message under the prefixed device id. */
    public String topic(Topics.DeviceTopic topic) {
        return Topics.topic(device(topic.deviceId()), topic.kind());
    }

    /** The payload with ids and timestamps rewritten; a payload that is not JSON is kept as it is. */
    public byte[] payload(byte[] payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            return payload;
        }
        if (root == null || !root.isContainerNode()) {
            return payload;
        }
        if (root instanceof ObjectNode object && object.path("deviceId").isTextual()) {
            object.put("deviceId", device(object.path("deviceId").asText()));
        }
        JsonNode moved = shiftTimes(root);
        try {
            return JSON.writeValueAsString(moved).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return payload;
        }
    }

    private JsonNode shiftTimes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                f.setValue(shiftTimes(f.getValue()));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, shiftTimes(array.get(i)));
            }
            return array;
        }
        if (node.isTextual() && INSTANT.matcher(node.asText()).matches()) {
            try {
                return TextNode.valueOf(Instant.parse(node.asText()).plus(shift).toString());
            } catch (DateTimeParseException e) {
                return node;
            }
        }
        return node;
    }
}
