package org.kioskops.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/protocol.md stays true: its examples decode, and it names every code and enumeration value. */
class ProtocolDocExamplesTest {
    private static final Path DOC = Path.of("..", "docs", "protocol.md");
    private static final Pattern EXAMPLE = Pattern.compile("Topic: `([^`]+)`\\s*\\n```json\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern MOSQUITTO_PAYLOAD = Pattern.compile("-t (kioskops/v1/[^ ]+) \\\\?\\s*-m '([^']+)'");

    private final ProtocolCodec codec = new ProtocolCodec();

    private static String doc() throws IOException {
        return Files.readString(DOC);
    }

    @Test
    void every_example_decodes_on_its_topic() throws Exception {
        Matcher m = EXAMPLE.matcher(doc());
        List<String> kinds = new ArrayList<>();
        while (m.find()) {
            DeviceMessage message = codec.decode(m.group(1), m.group(2).getBytes(StandardCharsets.UTF_8));
            kinds.add(message.kind().segment());
        }
        assertThat(kinds).contains("birth", "status", "telemetry", "events", "heartbeat");
    }

    @Test
    void the_receipt_example_decodes_on_its_topic() throws Exception {
        Matcher m = Pattern.compile("Receipt on topic `kioskops/v1/([^/`]+)/receipt`:\\s*\\n```json\\n(.*?)\\n```", Pattern.DOTALL).matcher(doc());
        assertThat(m.find()).as("protocol.md shows a receipt").isTrue();

        Receipt receipt = codec.decodeReceipt(m.group(1), m.group(2).getBytes(StandardCharsets.UTF_8));

        assertThat(receipt.stored()).isNotEmpty();
        assertThat(receipt.refused()).isNotEmpty();
    }

    @Test
    void the_mosquitto_pub_walkthrough_sends_valid_messages() throws Exception {
        Matcher m = MOSQUITTO_PAYLOAD.matcher(doc());
        int count = 0;
        while (m.find()) {
            codec.decode(m.group(1), m.group(2).getBytes(StandardCharsets.UTF_8));
            count++;
        }
        assertThat(count).isEqualTo(4);
    }

    @Test
    void names_every_error_code_and_enumeration_value() throws Exception {
        String doc = doc();
        for (ProtocolError e : ProtocolError.values()) {
            assertThat(doc).contains("| `" + e.code() + "` |");
        }
        for (EventType t : EventType.values()) {
            assertThat(doc).contains("| `" + t.wire() + "` |");
        }
        for (ScreenState s : ScreenState.values()) {
            assertThat(doc).contains("| `" + s.wire() + "` |");
        }
        for (HealthKind k : HealthKind.values()) {
            assertThat(doc).contains("| `" + k.wire() + "` | `" + k.unit() + "` |");
        }
        for (HealthDeviceKind k : HealthDeviceKind.values()) {
            assertThat(doc).contains("`" + k.wire() + "`");
        }
        for (Status.StatusReason r : Status.StatusReason.values()) {
            assertThat(doc).contains("`" + r.wire() + "`");
        }
    }

    @Test
    void states_the_limits_the_code_enforces() throws Exception {
        String doc = doc();
        assertThat(doc).contains("| Payload size | 256 KiB (" + String.format(Locale.ROOT, "%,d", Limits.MAX_PAYLOAD_BYTES) + " bytes) |")
                .contains("| Samples per telemetry batch | " + Limits.MAX_SAMPLES_PER_BATCH + " |")
                .contains("| Events per event batch | " + Limits.MAX_EVENTS_PER_BATCH + " |")
                .contains("| Locker banks per kiosk | " + Limits.MAX_LOCKER_BANKS + " |")
                .contains("| Compartments per bank | " + Limits.MAX_COMPARTMENTS_PER_BANK + " |");
    }
}
