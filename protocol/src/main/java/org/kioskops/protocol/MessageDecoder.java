package org.kioskops.protocol;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns a validated JSON tree into contract records, applying every semantic rule of version 1. */
final class MessageDecoder {
    static final Pattern VERSION = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})");
    static final Pattern FAULT_CODE = Pattern.compile("[a-z0-9][a-z0-9_]{0,63}");
    static final Pattern COMPONENT = Pattern.compile(
            "screen|system|network|agent|locker:[A-Za-z0-9][A-Za-z0-9._-]{0,63}(:[1-9][0-9]{0,2})?"
                    + "|health:[A-Za-z0-9][A-Za-z0-9._-]{0,63}|peripheral:[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final int SUPPORTED_MAJOR = 1;
    private static final long MAX_SEQ = Long.MAX_VALUE;
    private static final long MAX_UPTIME_SECONDS = 100L * 365 * 24 * 3600;
    private static final long MAX_BYTES = 1L << 50;

    private MessageDecoder() {
    }

    /** Reads the envelope and dispatches on the topic's kind; the topic's device id must match. */
    static DeviceMessage decode(Topics.DeviceTopic topic, JsonFields root) throws ProtocolException {
        String v = version(root);
        String deviceId = root.requiredString("deviceId", Limits.MAX_ID_LENGTH);
        if (!deviceId.equals(topic.deviceId())) {
            throw new ProtocolException(ProtocolError.DEVICE_ID_MISMATCH, "deviceId",
                    "payload deviceId differs from the device id in the topic");
        }
        long seq = root.requiredLong("seq", 0, MAX_SEQ);
        Instant ts = root.requiredInstant("ts");
        return switch (topic.kind()) {
            case BIRTH -> birth(root, v, deviceId, seq, ts);
            case STATUS -> status(root, v, deviceId, seq, ts);
            case TELEMETRY -> new TelemetryBatch(v, deviceId, seq, ts,
                    root.nonEmptyObjects("samples", Limits.MAX_SAMPLES_PER_BATCH, MessageDecoder::sample));
            case EVENTS -> new EventBatch(v, deviceId, seq, ts,
                    root.nonEmptyObjects("events", Limits.MAX_EVENTS_PER_BATCH, MessageDecoder::event));
            case HEARTBEAT -> heartbeat(root, v, deviceId, seq, ts);
            case CONFIG_STATE -> configState(root, v, deviceId, seq, ts);
            case COMMAND_RESULT -> commandResult(root, v, deviceId, seq, ts);
            case UPDATE_STATUS -> updateStatus(root, v, deviceId, seq, ts);
        };
    }

    static final Pattern SOFTWARE_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+_-]{0,63}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private static UpdateStatus updateStatus(JsonFields root, String v, String deviceId, long seq, Instant ts) throws ProtocolException {
        long deploymentId = root.requiredLong("deploymentId", 1, Long.MAX_VALUE);
        UpdateState state = root.requiredEnum("state", UpdateState.class);
        String version = root.checkPattern("version", root.requiredString("version", 64), SOFTWARE_VERSION, "a version such as 1.4.2");
        String running = root.optionalString("running", 64);
        String code = root.optionalString("code", 64);
        if (code != null) {
            root.checkPattern("code", code, FAULT_CODE, "a code of lower-case letters, digits and '_'");
        }
        root.check(code != null || (state != UpdateState.FAILED && state != UpdateState.ROLLED_BACK), "code",
                "a failure or rollback names its code");
        return new UpdateStatus(v, deviceId, seq, ts, deploymentId, state, version, running,
                root.optionalLong("bytes", 0, MAX_BYTES), code, root.optionalString("detail", 500));
    }

    static UpdateOrder updateOrder(JsonFields root, String deviceId) throws ProtocolException {
        root.requiredString("v", 8);
        String id = root.requiredString("deviceId", Limits.MAX_ID_LENGTH);
        if (!id.equals(deviceId)) {
            throw new ProtocolException(ProtocolError.DEVICE_ID_MISMATCH, "deviceId", "update order for another device");
        }
        UpdateOrder.Action action = root.requiredEnum("action", UpdateOrder.Action.class);
        long deploymentId = root.requiredLong("deploymentId", 1, Long.MAX_VALUE);
        if (action == UpdateOrder.Action.CANCEL) {
            return new UpdateOrder(root.requiredString("v", 8), id, deploymentId, action, null, null, null, 0, null, null, false,
                    root.requiredInstant("issuedAt"));
        }
        String kind = root.checkPattern("releaseKind", root.requiredString("releaseKind", 16), Pattern.compile("agent|firmware"),
                "agent or firmware");
        String version = root.checkPattern("version", root.requiredString("version", 64), SOFTWARE_VERSION, "a version such as 1.4.2");
        String url = root.requiredString("url", 2000);
        root.check(url.startsWith("http://") || url.startsWith("https://"), "url", "an http or https URL");
        String sha256 = root.checkPattern("sha256", root.requiredString("sha256", 64), SHA256, "64 lower-case hex digits");
        String signature = root.requiredString("signature", 200);
        Boolean downgrade = root.optionalBoolean("allowDowngrade");
        return new UpdateOrder(root.requiredString("v", 8), id, deploymentId, action, kind, version, url,
                root.requiredLong("size", 0, MAX_BYTES), sha256, signature, Boolean.TRUE.equals(downgrade), root.requiredInstant("issuedAt"));
    }

    private static ConfigState configState(JsonFields root, String v, String deviceId, long seq, Instant ts) throws ProtocolException {
        ConfigState.Outcome outcome = root.requiredEnum("outcome", ConfigState.Outcome.class);
        String reason = root.optionalString("reason", 500);
        root.check(outcome == ConfigState.Outcome.APPLIED || reason != null, "reason", "a rejection names its reason");
        return new ConfigState(v, deviceId, seq, ts, root.requiredId("version"), outcome, reason, root.optionalId("active"));
    }

    private static CommandResult commandResult(JsonFields root, String v, String deviceId, long seq, Instant ts)
            throws ProtocolException {
        long commandId = root.requiredLong("commandId", 1, Long.MAX_VALUE);
        CommandResult.State state = root.requiredEnum("state", CommandResult.State.class);
        String detail = root.optionalString("detail", 1000);
        Map<String, String> data = new LinkedHashMap<>();
        JsonFields values = root.optionalObject("data");
        if (values != null) {
            List<String> names = values.names();
            root.check(names.size() <= 100, "data", "at most 100 values");
            for (String name : names) {
                values.check(name.length() <= 64, name, "a name of up to 64 characters");
                data.put(name, values.requiredString(name, 4000));
            }
        }
        return new CommandResult(v, deviceId, seq, ts, commandId, state, detail, data);
    }

    static Command command(JsonFields root, String deviceId) throws ProtocolException {
        root.requiredString("v", 8);
        String id = root.requiredString("deviceId", Limits.MAX_ID_LENGTH);
        if (!id.equals(deviceId)) {
            throw new ProtocolException(ProtocolError.DEVICE_ID_MISMATCH, "deviceId", "command for another device");
        }
        CommandName name = root.requiredEnum("name", CommandName.class);
        String bank = root.optionalId("bank");
        Integer compartment = root.optionalInt("compartment", 1, 200);
        String reason = root.optionalString("reason", 500);
        if (name == CommandName.UNLOCK) {
            root.check(bank != null && compartment != null, "bank", "unlock names a bank and a compartment");
            root.check(reason != null, "reason", "unlock gives a reason");
        }
        String uploadUrl = root.optionalString("uploadUrl", 2000);
        if (uploadUrl != null) {
            root.check(uploadUrl.startsWith("http://") || uploadUrl.startsWith("https://"), "uploadUrl", "an http or https URL");
        }
        return new Command(root.requiredString("v", 8), id, root.requiredLong("commandId", 1, Long.MAX_VALUE), name, bank, compartment,
                reason, root.requiredInstant("issuedAt"), root.requiredInstant("expiresAt"), uploadUrl);
    }

    static Receipt receipt(JsonFields root, String deviceId) throws ProtocolException {
        String v = version(root);
        String id = root.requiredString("deviceId", Limits.MAX_ID_LENGTH);
        if (!id.equals(deviceId)) {
            throw new ProtocolException(ProtocolError.DEVICE_ID_MISMATCH, "deviceId", "receipt for another device");
        }
        Instant ts = root.requiredInstant("ts");
        String epoch = root.optionalId("epoch");
        List<Receipt.Range> stored = root.objects("stored", Limits.MAX_RECEIPT_ENTRIES, range -> {
            long from = range.requiredLong("from", 0, MAX_SEQ);
            long to = range.requiredLong("to", 0, MAX_SEQ);
            range.check(from <= to, "to", "a range ends at or after its start");
            return new Receipt.Range(from, to);
        });
        List<Receipt.Refusal> refused = root.objects("refused", Limits.MAX_RECEIPT_ENTRIES, refusal -> new Receipt.Refusal(
                refusal.requiredLong("seq", 0, MAX_SEQ),
                refusal.checkPattern("code", refusal.requiredString("code", 64), FAULT_CODE, "a code such as invalid_value")));
        return new Receipt(v, id, ts, epoch, stored, refused);
    }

    private static String version(JsonFields root) throws ProtocolException {
        String v = root.requiredString("v", 8);
        var matcher = VERSION.matcher(v);
        if (!matcher.matches()) {
            throw new ProtocolException(ProtocolError.INVALID_VALUE, "v", "must be major.minor, such as 1.0");
        }
        if (Integer.parseInt(matcher.group(1)) != SUPPORTED_MAJOR) {
            throw new ProtocolException(ProtocolError.UNSUPPORTED_VERSION, "v",
                    "major version " + matcher.group(1) + " is not supported; this receiver speaks " + SUPPORTED_MAJOR + ".x");
        }
        return v;
    }

    private static Birth birth(JsonFields root, String v, String deviceId, long seq, Instant ts) throws ProtocolException {
        long session = root.requiredLong("session", 0, MAX_SEQ);
        root.check(session < seq, "session", "must be lower than seq: it is the number reserved for this connection's will");
        String epoch = root.optionalId("epoch");
        String agentVersion = root.requiredString("agentVersion", Limits.MAX_ID_LENGTH);
        String hardwareModel = root.requiredString("hardwareModel", Limits.MAX_ID_LENGTH);
        Instant bootedAt = root.optionalInstant("bootedAt");
        Instant startedAt = root.optionalInstant("startedAt");
        Birth.LastStop lastStop = root.optionalEnum("lastStop", Birth.LastStop.class);
        Integer keepAlive = root.optionalInt("keepAliveSeconds", Limits.MIN_KEEP_ALIVE_SECONDS, Limits.MAX_KEEP_ALIVE_SECONDS);
        Boolean receipts = root.optionalBoolean("receipts");
        return new Birth(v, deviceId, seq, ts, session, epoch, agentVersion, hardwareModel, bootedAt,
                inventory(root.requiredObject("inventory")), startedAt, lastStop, keepAlive, receipts);
    }

    private static Heartbeat heartbeat(JsonFields root, String v, String deviceId, long seq, Instant ts) throws ProtocolException {
        long session = root.requiredLong("session", 0, MAX_SEQ);
        root.check(session < seq, "session", "must be lower than seq: it is the number reserved for this connection's will");
        return new Heartbeat(v, deviceId, seq, ts, session);
    }

    private static Inventory inventory(JsonFields inv) throws ProtocolException {
        JsonFields screenFields = inv.optionalObject("screen");
        Inventory.Screen screen = null;
        if (screenFields != null) {
            screen = new Inventory.Screen(screenFields.optionalString("model", Limits.MAX_TEXT_LENGTH),
                    screenFields.optionalDouble("sizeInches", 1, 200));
        }
        List<Inventory.LockerBank> banks = inv.objects("lockerBanks", Limits.MAX_LOCKER_BANKS, b -> new Inventory.LockerBank(
                b.requiredId("id"),
                b.requiredInt("compartments", 1, Limits.MAX_COMPARTMENTS_PER_BANK),
                b.optionalString("model", Limits.MAX_TEXT_LENGTH)));
        requireUnique(inv, "lockerBanks", banks.stream().map(Inventory.LockerBank::id).toList());
        List<Inventory.HealthDevice> health = inv.objects("healthDevices", Limits.MAX_DEVICES, d -> new Inventory.HealthDevice(
                d.requiredId("id"),
                d.requiredEnum("kind", HealthDeviceKind.class),
                d.optionalString("model", Limits.MAX_TEXT_LENGTH)));
        requireUnique(inv, "healthDevices", health.stream().map(Inventory.HealthDevice::id).toList());
        List<Inventory.Peripheral> peripherals = inv.objects("peripherals", Limits.MAX_DEVICES, p -> new Inventory.Peripheral(
                p.requiredId("id"),
                p.requiredString("type", Limits.MAX_ID_LENGTH),
                p.optionalString("model", Limits.MAX_TEXT_LENGTH)));
        requireUnique(inv, "peripherals", peripherals.stream().map(Inventory.Peripheral::id).toList());
        return new Inventory(screen, banks, health, peripherals);
    }

    private static void requireUnique(JsonFields fields, String field, List<?> ids) throws ProtocolException {
        fields.check(new HashSet<>(ids).size() == ids.size(), field, "ids must be unique");
    }

    private static Status status(JsonFields root, String v, String deviceId, long seq, Instant ts) throws ProtocolException {
        long session = root.requiredLong("session", 0, MAX_SEQ);
        root.check(session <= seq, "session", "must not be greater than seq");
        Status.ConnectionState state = root.requiredEnum("state", Status.ConnectionState.class);
        Status.StatusReason reason = root.optionalEnum("reason", Status.StatusReason.class);
        if (state == Status.ConnectionState.OFFLINE && reason == null) {
            throw new ProtocolException(ProtocolError.MISSING_FIELD, "reason", "an offline status needs a reason");
        }
        root.check(state != Status.ConnectionState.ONLINE || reason == null, "reason", "an online status has no reason");
        return new Status(v, deviceId, seq, ts, session, state, reason);
    }

    private static TelemetrySample sample(JsonFields s) throws ProtocolException {
        Instant ts = s.requiredInstant("ts");
        Long uptime = s.optionalLong("uptimeSeconds", 0, MAX_UPTIME_SECONDS);
        JsonFields screenFields = s.optionalObject("screen");
        TelemetrySample.ScreenReading screen = null;
        if (screenFields != null) {
            screen = new TelemetrySample.ScreenReading(screenFields.requiredEnum("state", ScreenState.class),
                    screenFields.optionalInt("brightness", 0, 100));
        }
        List<TelemetrySample.LockerBankReading> lockers = s.objects("lockers", Limits.MAX_LOCKER_BANKS, MessageDecoder::bank);
        requireUnique(s, "lockers", lockers.stream().map(TelemetrySample.LockerBankReading::bank).toList());
        List<TelemetrySample.HealthReading> health = s.objects("health", Limits.MAX_DEVICES, MessageDecoder::healthReading);
        JsonFields sys = s.optionalObject("system");
        TelemetrySample.SystemReading system = null;
        if (sys != null) {
            system = new TelemetrySample.SystemReading(
                    sys.optionalDouble("cpuTempC", -60, 150),
                    sys.optionalLong("memUsedBytes", 0, MAX_BYTES),
                    sys.optionalLong("memTotalBytes", 0, MAX_BYTES),
                    sys.optionalLong("diskUsedBytes", 0, MAX_BYTES),
                    sys.optionalLong("diskTotalBytes", 0, MAX_BYTES),
                    sys.optionalString("netInterface", 32),
                    sys.optionalBoolean("netUp"),
                    sys.optionalInt("wifiSignalDbm", -120, 0));
            sys.check(system.memTotalBytes() == null || system.memUsedBytes() == null
                    || system.memUsedBytes() <= system.memTotalBytes(), "memUsedBytes", "must not exceed memTotalBytes");
            sys.check(system.diskTotalBytes() == null || system.diskUsedBytes() == null
                    || system.diskUsedBytes() <= system.diskTotalBytes(), "diskUsedBytes", "must not exceed diskTotalBytes");
        }
        return new TelemetrySample(ts, uptime, screen, lockers, health, system);
    }

    private static TelemetrySample.LockerBankReading bank(JsonFields b) throws ProtocolException {
        String bank = b.requiredId("bank");
        List<TelemetrySample.CompartmentReading> compartments = b.objects("compartments", Limits.MAX_COMPARTMENTS_PER_BANK,
                c -> new TelemetrySample.CompartmentReading(
                        c.requiredInt("no", 1, Limits.MAX_COMPARTMENTS_PER_BANK),
                        c.requiredBoolean("occupied"),
                        c.requiredBoolean("doorOpen")));
        Set<Integer> numbers = new HashSet<>();
        for (TelemetrySample.CompartmentReading c : compartments) {
            b.check(numbers.add(c.no()), "compartments", "compartment " + c.no() + " appears twice");
        }
        return new TelemetrySample.LockerBankReading(bank, compartments);
    }

    private static TelemetrySample.HealthReading healthReading(JsonFields h) throws ProtocolException {
        String device = h.requiredId("device");
        HealthKind kind = h.requiredEnum("kind", HealthKind.class);
        double value = h.requiredDouble("value", -Double.MAX_VALUE, Double.MAX_VALUE);
        h.check(value >= kind.min() && value <= kind.max(), "value",
                kind.wire() + " must be between " + kind.min() + " and " + kind.max() + " " + kind.unit());
        String unit = h.requiredString("unit", 16);
        h.check(unit.equals(kind.unit()), "unit", kind.wire() + " must be reported in " + kind.unit());
        return new TelemetrySample.HealthReading(device, kind, value, unit, h.requiredInstant("measuredAt"));
    }

    private static DeviceEvent event(JsonFields e) throws ProtocolException {
        Instant ts = e.requiredInstant("ts");
        EventType type = e.requiredEnum("type", EventType.class);
        String detail = e.optionalString("detail", Limits.MAX_TEXT_LENGTH);
        if (type.isCompartmentEvent()) {
            return new DeviceEvent(ts, type, e.requiredId("bank"),
                    e.requiredInt("compartment", 1, Limits.MAX_COMPARTMENTS_PER_BANK), null, null, null, null, detail);
        }
        if (type.isSessionEvent()) {
            return new DeviceEvent(ts, type, null, null, e.requiredId("session"), null, null, null, detail);
        }
        if (type == EventType.HEALTH_CHECK_DONE) {
            return new DeviceEvent(ts, type, null, null, null, e.requiredId("device"), null, null, detail);
        }
        String component = e.checkPattern("component", e.requiredString("component", 2 * Limits.MAX_ID_LENGTH), COMPONENT,
                "screen, system, network, agent, locker:{bank}, locker:{bank}:{no}, health:{device} or peripheral:{id}");
        String code = e.checkPattern("code", e.requiredString("code", Limits.MAX_ID_LENGTH), FAULT_CODE,
                "a lower-case code of letters, digits and '_'");
        return new DeviceEvent(ts, type, null, null, null, null, component, code, detail);
    }
}
