package org.kioskops.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandCodecTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    @Test
    void a_command_survives_encoding() throws Exception {
        Command unlock = new Command("1.2", "kiosk-7", 42, CommandName.UNLOCK, "A", 3, "resident locked out, parcel 7731",
                Instant.parse("2026-11-28T09:00:00Z"), Instant.parse("2026-11-28T09:10:00Z"), "https://hub.example/api/uploads/42?token=ab12");

        assertThat(codec.decodeCommand("kiosk-7", codec.encode(unlock))).isEqualTo(unlock);
    }

    @Test
    void an_unlock_without_a_reason_or_a_compartment_is_refused() {
        String noReason = "{\"v\":\"1.2\",\"deviceId\":\"kiosk-7\",\"commandId\":1,\"name\":\"unlock\",\"bank\":\"A\",\"compartment\":3,"
                + "\"issuedAt\":\"2026-11-28T09:00:00Z\",\"expiresAt\":\"2026-11-28T09:10:00Z\"}";
        String noCompartment = noReason.replace("\"compartment\":3,", "\"reason\":\"x\",");

        assertThatThrownBy(() -> codec.decodeCommand("kiosk-7", noReason.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.field()).isEqualTo("reason"));
        assertThatThrownBy(() -> codec.decodeCommand("kiosk-7", noCompartment.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.field()).isEqualTo("bank"));
        assertThatThrownBy(() -> codec.decodeCommand("kiosk-8", noReason.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.error()).isEqualTo(ProtocolError.DEVICE_ID_MISMATCH));
    }

    @Test
    void a_result_carries_its_command_id_state_and_data() throws Exception {
        CommandResult result = new CommandResult("1.2", "kiosk-7", 9, Instant.parse("2026-11-28T09:00:01Z"), 42,
                CommandResult.State.SUCCEEDED, "collected", Map.of("agentVersion", "1.4.0", "outboxBacklog", "0"));

        DeviceMessage decoded = codec.decode(Topics.topic("kiosk-7", MessageKind.COMMAND_RESULT), codec.encode(result));

        assertThat(decoded).isEqualTo(result);
    }
}
