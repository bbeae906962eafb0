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
import java.util.regex.Pattern;
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
    private static final String ROOT = "kioskops/v1/";

    private final String idPrefix;
    private final Duration shift;

    /** @param idPrefix put before every device id ("" for none); @param shift added to every timestamp */
    public TrafficRemap(String idPrefix, Duration shift) {
        this.idPrefix = idPrefix;
        this.shift = shift;
    }

    /** The device id a topic belongs to, or null for a topic outside the contract's tree. */
    public static String deviceOf(String topic) {
        if (!topic.startsWith(ROOT)) {
            return null;
        }
        int slash = topic.indexOf('/', ROOT.length());
        return slash < 0 ? null : topic.substring(ROOT.length(), slash);
    }

    /** Whether the topic is one the hub sends to a device (its settings, its commands). */
    public static boolean isToDevice(String topic) {
        return topic.endsWith("/config") || topic.endsWith("/command");
    }

    public String device(String id) {
        String mapped = idPrefix + id;
        if (!Topics.isValidDeviceId(mapped)) {
            throw new IllegalArgumentException("device id " + mapped + " is not valid after adding the prefix");
        }
        return mapped;
    }

    public String topic(String topic) {
        String device = deviceOf(topic);
        return device == null ? topic : ROOT + device(device) + topic.substring(ROOT.length() + device.length());
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
