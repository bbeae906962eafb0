package org.kioskops.hub.ingest;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kioskops.hub.device.Connection;
import org.kioskops.hub.device.Registration;

/**
 * What an ingest worker holds in memory about one device: its registry entry, its latest state with the
 * sequence bookkeeping, and its compartments, latest health readings and active faults. Loaded from the
 * database on first use and written back in batches, so that applying a message needs no query.
 * Confined to the worker that owns the device.
 */
final class LiveDevice {
    final String id;
    Registration registration;
    String siteId;
    /** Whether the device row exists; false for a device first heard of in this batch. */
    boolean registered;
    /** Whether a device_state row exists. */
    boolean stateStored;
    /** Whether the state changed since it was last written. */
    boolean dirty;
    /** Whether the change must be written with this batch (connection, birth, new device). */
    boolean urgent;
    /** {@link System#nanoTime()} of the last state write; 0 before the first. */
    long stateWrittenAt;

    Connection connection = Connection.NEVER_SEEN;
    String offlineReason;
    Long session;
    Instant connectionSince;
    Instant bootedAt;
    /** When the device's agent process started, from its latest birth. */
    Instant agentStartedAt;
    /** The MQTT keep-alive the device declared; null for devices that do not (silent after a fixed time then). */
    Integer keepAliveSeconds;
    /** Whether the device's latest birth asked for receipts of what the hub stores (contract 1.5). */
    boolean receipts;
    /** Device clock minus hub clock at the latest birth, in milliseconds. */
    Long clockSkewMillis;
    /** Device time the screen state last changed. */
    Instant screenSince;
    Instant firstSeenAt;
    Instant lastSeenAt;
    Instant lastDeviceTs;
    String agentVersion;
    String reportedModel;
    Instant telemetryAt;
    Long uptimeSeconds;
    String screenState;
    Integer screenBrightness;
    Double cpuTempC;
    Long memUsedBytes;
    Long memTotalBytes;
    Long diskUsedBytes;
    Long diskTotalBytes;
    String seqEpoch;
    long seqResets;
    SequenceTracker tracker = SequenceTracker.empty();
    Instant updatedAt;

    final Map<String, CompartmentRow> compartments = new HashMap<>();
    final Map<String, HealthRow> health = new HashMap<>();
    final Map<String, FaultRow> activeFaults = new HashMap<>();
    /** The components of the latest birth, when it changed them in this batch; else null. */
    List<ComponentRow> newComponents;

    LiveDevice(String id) {
        this.id = id;
    }

    static String compartmentKey(String bank, int no) {
        return bank + "/" + no;
    }

    static String faultKey(String component, String code) {
        return component + "|" + code;
    }

    /** Latest state of one compartment. */
    static final class CompartmentRow {
        final String bank;
        final int no;
        boolean occupied;
        boolean doorOpen;
        Instant reportedAt;
        Instant changedAt;
        /** Device time the door opened, while it is open. */
        Instant doorSince;
        /** Device time a parcel went in, while one is inside. */
        Instant occupiedSince;
        boolean stored;
        boolean dirty;
        boolean removed;

        CompartmentRow(String bank, int no) {
            this.bank = bank;
            this.no = no;
        }
    }

    /** Latest reading of one health measurement kind. */
    static final class HealthRow {
        final String kind;
        String source;
        double value;
        String unit;
        Instant measuredAt;
        boolean stored;
        boolean dirty;

        HealthRow(String kind) {
            this.kind = kind;
        }
    }

    /** An active fault; {@code clearedAt} set when the device clears it. */
    static final class FaultRow {
        final String component;
        final String code;
        String detail;
        Instant raisedAt;
        Instant clearedAt;
        boolean stored;

        FaultRow(String component, String code) {
            this.component = component;
            this.code = code;
        }
    }

    /** A component from a birth. */
    record ComponentRow(String id, String kind, String model, Integer size) {
    }
}
