package org.kioskops.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The settings of a kiosk that the hub may change remotely (contract 1.2), every one optional: a settings
 * document at fleet, district, community, site or device level names only what it changes, and the merged
 * result is what a device gets. A setting the device leaves out keeps the value of its local configuration
 * file.
 *
 * @param telemetry  reporting intervals
 * @param logLevel   the agent's log level: error, warn, info, debug or trace
 * @param lockerPins per locker bank id, compartment number to the GPIO pin (BCM numbering) of its door sensor
 * @param screenSchedule when the agent switches the screen on and off
 * @param heartbeat      how often a device that has nothing else to send proves it is alive
 */
public record KioskSettings(Telemetry telemetry, String logLevel, Map<String, Map<Integer, Integer>> lockerPins,
                            ScreenSchedule screenSchedule, Heartbeat heartbeat) {
    static final Set<String> LOG_LEVELS = Set.of("error", "warn", "info", "debug", "trace");
    private static final Set<String> DAYS = Set.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
    private static final Pattern BANK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,15}");

    public KioskSettings {
        lockerPins = lockerPins == null ? Map.of() : copy(lockerPins);
    }

    /**
     * The heartbeat: the device sends one when it sent nothing else for {@code keepAliveSeconds} (10 to 3600),
     * declares the value in its birth, and uses it as its MQTT keep-alive from its next connection.
     */
    public record Heartbeat(Integer keepAliveSeconds) {
    }

    /**
     * When the screen should be lit, in the box's local time: one window per weekday, days left out dark.
     *
     * @param zone a time zone id, such as {@code Asia/Shanghai}
     */
    public record ScreenSchedule(String zone, List<Window> week) {
        public ScreenSchedule {
            week = week == null ? List.of() : List.copyOf(week);
        }

        /** On from {@code on} to {@code off}, {@code HH:mm}, on {@code day} (monday to sunday). */
        public record Window(String day, String on, String off) {
        }

        /** Whether the screen should be lit at {@code now}. */
        public boolean lit(Instant now) {
            ZonedDateTime local = now.atZone(ZoneId.of(zone));
            String today = local.getDayOfWeek().name().toLowerCase(Locale.ROOT);
            int minute = local.getHour() * 60 + local.getMinute();
            return week.stream().anyMatch(w -> w.day().equals(today) && minute >= minutes(w.on()) && minute < minutes(w.off()));
        }
    }

    /** {@code HH:mm} from 00:00 to 24:00 as minutes of the day, or -1. */
    static int minutes(String hhmm) {
        if (hhmm == null || !hhmm.matches("\\d\\d:\\d\\d")) {
            return -1;
        }
        int h = Integer.parseInt(hhmm.substring(0, 2));
        int m = Integer.parseInt(hhmm.substring(3));
        return m > 59 || h > 24 || (h == 24 && m != 0) ? -1 : h * 60 + m;
    }

    /**
     * How often the agent reports.
     *
     * @param intervalSeconds  seconds between telemetry samples, 1 to 3600
     * @param eventFlushMillis events within this many milliseconds of the first go out in one batch, 0 to 10000
     */
    public record Telemetry(Integer intervalSeconds, Integer eventFlushMillis) {
    }

    /** No setting at all: the device's local configuration applies throughout. */
    public static KioskSettings empty() {
        return new KioskSettings(null, null, Map.of(), null, null);
    }

    /**
     * This document with {@code over} laid on top: each setting {@code over} names wins; locker pins are
     * replaced bank by bank.
     */
    public KioskSettings merge(KioskSettings over) {
        Telemetry t = telemetry;
        if (over.telemetry != null) {
            t = new Telemetry(
                    over.telemetry.intervalSeconds != null ? over.telemetry.intervalSeconds : t == null ? null : t.intervalSeconds,
                    over.telemetry.eventFlushMillis != null ? over.telemetry.eventFlushMillis : t == null ? null : t.eventFlushMillis);
        }
        Map<String, Map<Integer, Integer>> pins = new TreeMap<>(lockerPins);
        pins.putAll(over.lockerPins);
        return new KioskSettings(t, over.logLevel != null ? over.logLevel : logLevel, pins,
                over.screenSchedule != null ? over.screenSchedule : screenSchedule,
                over.heartbeat != null && over.heartbeat.keepAliveSeconds != null ? over.heartbeat : heartbeat);
    }

    /**
     * Reads and checks a settings document: unknown settings, wrong types and values out of range are refused
     * with the path of the first one.
     */
    public static KioskSettings read(JsonNode node) throws ProtocolException {
        return read(JsonFields.root(node));
    }

    static KioskSettings read(JsonFields root) throws ProtocolException {
        root.onlyKnown(Set.of("telemetry", "logLevel", "lockerPins", "screenSchedule", "heartbeat"));
        Telemetry telemetry = null;
        JsonFields t = root.optionalObject("telemetry");
        if (t != null) {
            t.onlyKnown(Set.of("intervalSeconds", "eventFlushMillis"));
            telemetry = new Telemetry(t.optionalInt("intervalSeconds", 1, 3600), t.optionalInt("eventFlushMillis", 0, 10_000));
        }
        String logLevel = root.optionalString("logLevel", 8);
        if (logLevel != null) {
            root.check(LOG_LEVELS.contains(logLevel), "logLevel", "must be one of " + new TreeSet<>(LOG_LEVELS));
        }
        Map<String, Map<Integer, Integer>> pins = new LinkedHashMap<>();
        JsonFields banks = root.optionalObject("lockerPins");
        if (banks != null) {
            Set<Integer> used = new HashSet<>();
            for (String bank : banks.names()) {
                banks.check(BANK.matcher(bank).matches(), bank, "a bank id of up to 16 letters, digits, '_' or '-'");
                JsonFields compartments = banks.requiredObject(bank);
                Map<Integer, Integer> map = new TreeMap<>();
                for (String no : compartments.names()) {
                    compartments.check(no.matches("[1-9][0-9]{0,2}") && Integer.parseInt(no) <= 200, no, "a compartment number, 1 to 200");
                    int pin = compartments.requiredInt(no, 0, 63);
                    compartments.check(used.add(pin), no, "pin " + pin + " is given to two compartments");
                    map.put(Integer.parseInt(no), pin);
                }
                pins.put(bank, map);
            }
        }
        Heartbeat heartbeat = null;
        JsonFields h = root.optionalObject("heartbeat");
        if (h != null) {
            h.onlyKnown(Set.of("keepAliveSeconds"));
            heartbeat = new Heartbeat(h.optionalInt("keepAliveSeconds", 10, 3600));
        }
        return new KioskSettings(telemetry, logLevel, pins, schedule(root.optionalObject("screenSchedule")), heartbeat);
    }

    private static ScreenSchedule schedule(JsonFields s) throws ProtocolException {
        if (s == null) {
            return null;
        }
        s.onlyKnown(Set.of("zone", "week"));
        String zone = s.requiredString("zone", 64);
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            s.check(false, "zone", "a time zone id such as Asia/Shanghai");
        }
        Set<String> days = new HashSet<>();
        List<ScreenSchedule.Window> week = s.objects("week", 7, w -> {
            w.onlyKnown(Set.of("day", "on", "off"));
            String day = w.requiredString("day", 9);
            w.check(DAYS.contains(day), "day", "monday to sunday");
            w.check(days.add(day), "day", day + " is listed twice");
            String on = w.requiredString("on", 5);
            String off = w.requiredString("off", 5);
            w.check(minutes(on) >= 0, "on", "HH:mm");
            w.check(minutes(off) >= 0 && minutes(off) > minutes(on), "off", "HH:mm after on (24:00 allowed)");
            return new ScreenSchedule.Window(day, on, off);
        });
        return new ScreenSchedule(zone, week);
    }

    private static Map<String, Map<Integer, Integer>> copy(Map<String, Map<Integer, Integer>> pins) {
        Map<String, Map<Integer, Integer>> copy = new TreeMap<>();
        pins.forEach((bank, map) -> copy.put(bank, Map.copyOf(new TreeMap<>(map))));
        return Collections.unmodifiableMap(copy);
    }
}
