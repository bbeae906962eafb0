package org.kioskops.sim.traffic;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;

/**
 * One recorded MQTT message, a line of a JSON-lines traffic file (docs/simulator.md#record-and-replay):
 * when the recorder received it ({@code t}, ISO-8601), its topic, QoS, retain flag, payload (as text when it is UTF-8, else
 * base64) and MQTT 5 properties.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrafficRecord(
        String t,
        String topic,
        int qos,
        boolean retain,
        String payload,
        String payloadBase64,
        Properties properties) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** When it was received, parsed from {@code t}. */
    @JsonIgnore
    public Instant at() {
        return Instant.parse(t);
    }

    /** MQTT 5 properties worth keeping; binary ones in base64. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Properties(String contentType, String responseTopic, String correlationDataBase64, Long messageExpiryInterval,
                             Map<String, String> userProperties) {
        @JsonIgnore
        public boolean isEmpty() {
            return contentType == null && responseTopic == null && correlationDataBase64 == null && messageExpiryInterval == null
                    && (userProperties == null || userProperties.isEmpty());
        }
    }

    public static TrafficRecord of(Instant t, String topic, int qos, boolean retain, byte[] payload, Properties properties) {
        String text = utf8(payload);
        return new TrafficRecord(t.toString(), topic, qos, retain, text, text == null ? Base64.getEncoder().encodeToString(payload) : null,
                properties == null || properties.isEmpty() ? null : properties);
    }

    /** The payload's bytes. */
    @JsonIgnore
    public byte[] bytes() {
        return payload != null ? payload.getBytes(StandardCharsets.UTF_8) : Base64.getDecoder().decode(payloadBase64);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses one line; the message names what is wrong. */
    public static TrafficRecord parse(String line) throws IOException {
        TrafficRecord r = JSON.readValue(line, TrafficRecord.class);
        if (r.t() == null || r.topic() == null || (r.payload() == null && r.payloadBase64() == null)) {
            throw new IOException("a record needs t, topic and payload (or payloadBase64)");
        }
        try {
            r.at();
        } catch (DateTimeParseException e) {
            throw new IOException("t is not an ISO-8601 instant: " + r.t());
        }
        return r;
    }

    private static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
