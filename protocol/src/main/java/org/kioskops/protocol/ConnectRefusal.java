package org.kioskops.protocol;

import java.util.Optional;

/**
 * What the MQTT 5 CONNACK reason codes that KioskOps brokers send mean for a device, and what to do
 * about them; see "Connecting" in {@code docs/protocol.md}.
 */
public final class ConnectRefusal {
    /** Bad user name or password: a wrong, rotated or revoked secret. */
    public static final int BAD_CREDENTIALS = 0x86;
    /** Not authorised: the broker knows the client but refuses it (Mosquitto for revoked devices). */
    public static final int NOT_AUTHORIZED = 0x87;
    /** Client identifier not valid: KioskOps brokers require client id = user name = device id. */
    public static final int CLIENT_ID_NOT_VALID = 0x85;

    private ConnectRefusal() {
    }

    /** Whether a refusal is about the device's identity, so that retrying without new credentials cannot help. */
    public static boolean isIdentityProblem(int reasonCode) {
        return reasonCode == BAD_CREDENTIALS || reasonCode == NOT_AUTHORIZED || reasonCode == CLIENT_ID_NOT_VALID;
    }

    /** An explanation for an operator, for the reason codes about identity. */
    public static Optional<String> explain(int reasonCode) {
        return Optional.ofNullable(switch (reasonCode) {
            case BAD_CREDENTIALS -> "the broker refused the user name or password (wrong secret, or credentials "
                    + "rotated or revoked in the hub)";
            case NOT_AUTHORIZED -> "the broker does not authorise this client (credentials revoked, or no "
                    + "credentials where the broker requires them)";
            case CLIENT_ID_NOT_VALID -> "the broker refused the client id; it must equal the user name, which is the device id";
            default -> null;
        });
    }
}
