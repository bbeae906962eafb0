package org.kioskops.agent.uplink;

/**
 * The broker answered a publish with a refusal: a PUBACK reason code of 0x80 or more, or 0x10 "no matching
 * subscribers" for a message it does not retain. The message did not reach the hub; it is sent again.
 */
public final class PublishRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int reasonCode;

    public PublishRefusedException(int reasonCode) {
        super("broker refused the message (reason code 0x" + Integer.toHexString(reasonCode) + ")");
        this.reasonCode = reasonCode;
    }

    /** The PUBACK's reason code. */
    public int reasonCode() {
        return reasonCode;
    }

    /** Whether a PUBACK with {@code reasonCode} means the broker did not take a message with this retain flag. */
    public static boolean refuses(int reasonCode, boolean retained) {
        return reasonCode >= 0x80 || reasonCode == 0x10 && !retained;
    }
}
