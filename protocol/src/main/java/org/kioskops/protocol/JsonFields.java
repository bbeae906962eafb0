package org.kioskops.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Strict, path-aware reads from one JSON object. Each failed read throws a {@link ProtocolException} naming
 * the field's full JSON path, so that a device builder sees exactly what is wrong. Unknown fields are
 * never looked at, which is how they are ignored.
 */
final class JsonFields {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final JsonNode node;
    private final String path;

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static JsonFields root(JsonNode node) throws ProtocolException {
        if (node == null || !node.isObject()) {
            throw new ProtocolException(ProtocolError.MALFORMED_JSON, "payload must be a JSON object");
        }
        return new JsonFields(node, "");
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private JsonNode present(String field) throws ProtocolException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new ProtocolException(ProtocolError.MISSING_FIELD, path(field), "required field is missing");
        }
        return value;
    }

    private JsonNode optional(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private ProtocolException wrongType(String field, JsonNode value, String expected) {
        return new ProtocolException(ProtocolError.WRONG_TYPE, path(field),
                "expected " + expected + ", found " + describe(value.getNodeType()));
    }

    private static String describe(JsonNodeType type) {
        return switch (type) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            default -> type.name().toLowerCase();
        };
    }

    String requiredString(String field, int maxLength) throws ProtocolException {
        return checkText(field, present(field), maxLength);
    }

    String optionalString(String field, int maxLength) throws ProtocolException {
        JsonNode value = optional(field);
        return value == null ? null : checkText(field, value, maxLength);
    }

    private String checkText(String field, JsonNode value, int maxLength) throws ProtocolException {
        if (!value.isTextual()) {
            throw wrongType(field, value, "a string");
        }
        String text = value.textValue();
        if (text.isBlank()) {
            throw new ProtocolException(ProtocolError.INVALID_VALUE, path(field), "must not be blank");
        }
        if (text.length() > maxLength) {
            throw new ProtocolException(ProtocolError.INVALID_VALUE, path(field), "longer than " + maxLength + " characters");
        }
        return text;
    }

    String requiredId(String field) throws ProtocolException {
        return checkPattern(field, requiredString(field, Limits.MAX_ID_LENGTH), ID, "an id of letters, digits, '.', '_', '-'");
    }

    String optionalId(String field) throws ProtocolException {
        String id = optionalString(field, Limits.MAX_ID_LENGTH);
        return id == null ? null : checkPattern(field, id, ID, "an id of letters, digits, '.', '_', '-'");
    }

    String checkPattern(String field, String value, Pattern pattern, String expected) throws ProtocolException {
        if (!pattern.matcher(value).matches()) {
            throw new ProtocolException(ProtocolError.INVALID_VALUE, path(field), "must be " + expected);
        }
        return value;
    }

    long requiredLong(String field, long min, long max) throws ProtocolException {
        return checkLong(field, present(field), min, max);
    }

    Boolean optionalBoolean(String field) throws ProtocolException {
        JsonNode value = optional(field);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw wrongType(field, value, "a boolean");
        }
        return value.booleanValue();
    }

    Long optionalLong(String field, long min, long max) throws ProtocolException {
        JsonNode value = optional(field);
        return value == null ? null : checkLong(field, value, min, max);
    }

    private long checkLong(String field, JsonNode value, long min, long max) throws ProtocolException {
        if (!value.isIntegralNumber()) {
            throw wrongType(field, value, "an integer");
        }
        if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            throw new ProtocolException(ProtocolError.INVALID_VALUE, path(field), "must be between " + min + " and " + max);
        }
        return value.longValue();
    }

    int requiredInt(String field, int min, int max) throws ProtocolException {
        return (int) requiredLong(field, min, max);
    }

    Integer optionalInt(String field, int min, int max) throws ProtocolException {
        Long value = optionalLong(field, min, max);
        return value == null ? null : value.intValue();
    }

    double requiredDouble(String field, double min, double max) throws ProtocolException {
        return checkDouble(field, present(field), min, max);
    }

    Double optionalDouble(String field, double min, double max) throws ProtocolException {
        JsonNode value = optional(field);
        return value == null ? null : checkDouble(field, value, min, max);
    }

    private double checkDouble(String field, JsonNode value, double min, double max) throws ProtocolException {
        if (!value.isNumber()) {
            throw wrongType(field, value, "a number");
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d) || d < min || d > max) {
            throw new ProtocolException(ProtocolError.INVALID_VALUE, path(field), "must be between " + min + " and " + max);
        }
        return d;
    }

    boolean requiredBoolean(String field) throws ProtocolException {
        JsonNode value = present(field);
        if (!value.isBoolean()) {
            throw wrongType(field, value, "true or false");
        }
        return value.booleanValue();
    }

    Instant requiredInstant(String field) throws ProtocolException {
        return checkInstant(field, present(field));
    }

    Instant optionalInstant(String field) throws ProtocolException {
        JsonNode value = optional(field);
        return value == null ? null : checkInstant(field, value);
    }

    private Instant checkInstant(String field, JsonNode value) throws ProtocolException {
        if (!value.isTextual()) {
            throw wrongType(field, value, "an ISO-8601 timestamp string");
        }
        try {
            return OffsetDateTime.parse(value.textValue()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ProtocolException(ProtocolError.INVALID_VALUE, path(field),
                    "must be an ISO-8601 timestamp with offset, such as 2026-11-28T09:30:00.000Z");
        }
    }

    <E extends Enum<E> & WireEnum> E requiredEnum(String field, Class<E> type) throws ProtocolException {
        return checkEnum(field, present(field), type);
    }

    <E extends Enum<E> & WireEnum> E optionalEnum(String field, Class<E> type) throws ProtocolException {
        JsonNode value = optional(field);
        return value == null ? null : checkEnum(field, value, type);
    }

    private <E extends Enum<E> & WireEnum> E checkEnum(String field, JsonNode value, Class<E> type) throws ProtocolException {
        if (!value.isTextual()) {
            throw wrongType(field, value, "a string");
        }
        return WireEnum.fromWire(type, value.textValue()).orElseThrow(() -> new ProtocolException(
                ProtocolError.UNKNOWN_ENUM_VALUE, path(field), "unknown value; known: " + known(type)));
    }

    private static <E extends Enum<E> & WireEnum> String known(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.wire());
        }
        return String.join(", ", names);
    }

    JsonFields optionalObject(String field) throws ProtocolException {
        JsonNode value = optional(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(field, value, "an object");
        }
        return new JsonFields(value, path(field));
    }

    JsonFields requiredObject(String field) throws ProtocolException {
        JsonFields object = optionalObject(field);
        if (object == null) {
            throw new ProtocolException(ProtocolError.MISSING_FIELD, path(field), "required field is missing");
        }
        return object;
    }

    /** Reads an array of objects; absent means empty. */
    <T> List<T> objects(String field, int maxSize, Reader<T> reader) throws ProtocolException {
        JsonNode value = optional(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrongType(field, value, "an array");
        }
        if (value.size() > maxSize) {
            throw new ProtocolException(ProtocolError.BATCH_TOO_LARGE, path(field),
                    value.size() + " entries, at most " + maxSize + " allowed");
        }
        List<T> result = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String elementPath = path(field) + "[" + i + "]";
            if (!element.isObject()) {
                throw new ProtocolException(ProtocolError.WRONG_TYPE, elementPath,
                        "expected an object, found " + describe(element.getNodeType()));
            }
            result.add(reader.read(new JsonFields(element, elementPath)));
        }
        return result;
    }

    /** Reads a required, non-empty array of objects. */
    <T> List<T> nonEmptyObjects(String field, int maxSize, Reader<T> reader) throws ProtocolException {
        present(field);
        List<T> result = objects(field, maxSize, reader);
        if (result.isEmpty()) {
            throw new ProtocolException(ProtocolError.EMPTY_BATCH, path(field), "must hold at least one entry");
        }
        return result;
    }

    /** Reads one object into a value. */
    @FunctionalInterface
    interface Reader<T> {
        T read(JsonFields fields) throws ProtocolException;
    }

    /** The names of the object's fields, in document order. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Fails with {@link ProtocolError#UNKNOWN_FIELD} on the first field not in {@code known}. */
    void onlyKnown(Set<String> known) throws ProtocolException {
        for (String name : names()) {
            if (!known.contains(name)) {
                throw new ProtocolException(ProtocolError.UNKNOWN_FIELD, path(name), "not a known setting; known: " + known);
            }
        }
    }

    /** Fails with {@link ProtocolError#INVALID_VALUE} at {@code field} unless {@code condition} holds. */
    void check(boolean condition, String field, String detail) throws ProtocolException {
        if (!condition) {
            throw new ProtocolException(ProtocolError.INVALID_VALUE, path(field), detail);
        }
    }
}
