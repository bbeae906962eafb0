package org.kioskops.protocol;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The topic tree of contract version 1: {@code kioskops/v1/{deviceId}/{kind}}. The device id in the topic
 * is the identity the broker authorises; the payload repeats it and the two must agree.
 */
public final class Topics {
    /** Root of every KioskOps topic, including the major protocol version. */
    public static final String ROOT = "kioskops/v1";

    /**
     * Allowed device ids: 1 to 64 characters, letters, digits, '.', '_' and '-', starting with a letter or
     * digit. No MQTT wildcard or separator can appear, so a device id never widens a subscription.
     */
    public static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Topics() {
    }

    /** The topic a device publishes {@code kind} messages on. */
    public static String topic(String deviceId, MessageKind kind) {
        requireValidDeviceId(deviceId);
        return ROOT + "/" + deviceId + "/" + kind.segment();
    }

    /** The topic the hub publishes a device's desired configuration on, retained (contract 1.2). */
    public static String configTopic(String deviceId) {
        requireValidDeviceId(deviceId);
        return ROOT + "/" + deviceId + "/config";
    }

    /** The topic the hub sends a device's commands on (contract 1.2). */
    public static String commandTopic(String deviceId) {
        requireValidDeviceId(deviceId);
        return ROOT + "/" + deviceId + "/command";
    }

    /** The topic the hub publishes a device's update order on, retained (contract 1.4). */
    public static String updateTopic(String deviceId) {
        requireValidDeviceId(deviceId);
        return ROOT + "/" + deviceId + "/update";
    }

    /** The topic the hub publishes a device's receipts on, at QoS 0 (contract 1.5). */
    public static String receiptTopic(String deviceId) {
        requireValidDeviceId(deviceId);
        return ROOT + "/" + deviceId + "/receipt";
    }

    /**
     * The last topic levels the hub publishes on, towards devices: a message on one of them is the hub's, never a
     * device's.
     */
    public static final Set<String> HUB_KINDS = Set.of("config", "command", "update", "receipt");

    /** Subscription filter matching every topic of the tree, the hub's own included. */
    public static final String FILTER_ALL = ROOT + "/#";

    /** Subscription filter matching {@code kind} messages of every device. */
    public static String filterForAll(MessageKind kind) {
        return ROOT + "/+/" + kind.segment();
    }

    /**
     * Parses a device topic.
     *
     * @throws ProtocolException with {@link ProtocolError#TOPIC_INVALID} when the topic is not part of the tree
     */
    public static DeviceTopic parse(String topic) throws ProtocolException {
        if (topic == null || !topic.startsWith(ROOT + "/")) {
            throw new ProtocolException(ProtocolError.TOPIC_INVALID, "topic must start with " + ROOT + "/");
        }
        String rest = topic.substring(ROOT.length() + 1);
        int slash = rest.indexOf('/');
        if (slash < 0 || rest.indexOf('/', slash + 1) >= 0) {
            throw new ProtocolException(ProtocolError.TOPIC_INVALID, "topic must be " + ROOT + "/{deviceId}/{kind}");
        }
        String deviceId = rest.substring(0, slash);
        if (!DEVICE_ID.matcher(deviceId).matches()) {
            throw new ProtocolException(ProtocolError.TOPIC_INVALID, "device id in topic does not match " + DEVICE_ID);
        }
        String segment = rest.substring(slash + 1);
        MessageKind kind = MessageKind.ofSegment(segment).orElseThrow(
                () -> new ProtocolException(ProtocolError.TOPIC_INVALID, "unknown message kind '" + shorten(segment) + "'"));
        return new DeviceTopic(deviceId, kind);
    }

    /** Whether {@code deviceId} is a valid device id. */
    public static boolean isValidDeviceId(String deviceId) {
        return deviceId != null && DEVICE_ID.matcher(deviceId).matches();
    }

    static void requireValidDeviceId(String deviceId) {
        if (!isValidDeviceId(deviceId)) {
            throw new IllegalArgumentException("invalid device id: " + deviceId);
        }
    }

    private static String shorten(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "...";
    }

    /** A parsed device topic. */
    public record DeviceTopic(String deviceId, MessageKind kind) {
        /** The topic string this record was parsed from. */
        public String topic() {
            return Topics.topic(deviceId, kind);
        }
    }
}
