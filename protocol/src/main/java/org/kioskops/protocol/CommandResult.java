package org.kioskops.protocol;

import java.time.Instant;
import java.util.Map;

/**
 * A device's answers to a {@link Command} (contract 1.2): {@code delivered} as soon as it has the command,
 * then {@code succeeded} or {@code failed}; or only {@code expired} when it arrived after its expiry and was
 * not run.
 *
 * @param detail what happened, for people (up to 1000 characters)
 * @param data   results of {@code diagnostics}: up to 100 named values
 */
public record CommandResult(String v, String deviceId, long seq, Instant ts, long commandId, State state, String detail,
                            Map<String, String> data) implements DeviceMessage {
    public CommandResult {
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    @Override
    public MessageKind kind() {
        return MessageKind.COMMAND_RESULT;
    }

    /** Where the command stands on the device. */
    public enum State implements WireEnum {
        DELIVERED("delivered"),
        SUCCEEDED("succeeded"),
        FAILED("failed"),
        EXPIRED("expired");

        private final String wire;

        State(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }

        /** Whether no further answer follows. */
        public boolean isFinal() {
            return this != DELIVERED;
        }
    }
}
