package org.kioskops.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The golden example payloads under {@code src/test/resources/golden}, and edited copies of them. */
final class GoldenPayloads {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String DEVICE = "kiosk-0001";

    private GoldenPayloads() {
    }

    static ObjectNode load(String name) {
        try (InputStream in = GoldenPayloads.class.getResourceAsStream("/golden/" + name)) {
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A copy of {@code golden} with the value at {@code path} (dots and [i] indexes) replaced by the JSON
     * text {@code json}, or removed when {@code json} is null.
     */
    static ObjectNode edit(String golden, String path, String json) {
        ObjectNode root = load(golden);
        String[] parts = path.split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = step(parent, parts[i]);
        }
        String last = parts[parts.length - 1];
        JsonNode value = json == null ? null : parse(json);
        if (last.contains("[")) {
            ArrayNode array = (ArrayNode) step(parent, last.substring(0, last.indexOf('[')));
            int index = index(last);
            if (value == null) {
                array.remove(index);
            } else {
                array.set(index, value);
            }
        } else if (value == null) {
            ((ObjectNode) parent).remove(last);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
        return root;
    }

    private static JsonNode step(JsonNode node, String part) {
        if (part.contains("[")) {
            return node.get(part.substring(0, part.indexOf('['))).get(index(part));
        }
        return node.get(part);
    }

    private static int index(String part) {
        return Integer.parseInt(part.substring(part.indexOf('[') + 1, part.indexOf(']')));
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
