package org.kioskops.sim.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.kioskops.sim.scenario.Scenario.FaultKind;

/** Reads a scenario file; every problem is reported with the file, line, column and key. */
public final class ScenarioLoader {
    private static final int MAX_KIOSKS = 20_000;

    private ScenarioLoader() {
    }

    public static Scenario load(Path file) throws ScenarioException {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file + ": no such file");
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read: " + e.getMessage());
        }
    }

    public static Scenario parse(String yaml, String source) throws ScenarioException {
        YamlValue root = YamlValue.parse(yaml, source)
                .only("name", "seed", "speed", "duration", "telemetryInterval", "keepAlive", "timezone", "usage", "fleet", "faults", "expect");
        String name = root.get("name").text();
        if (!name.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw root.get("name").error("1 to 32 lower-case letters, digits and '-'");
        }
        Duration duration = root.get("duration").duration();
        if (duration.isZero() || duration.compareTo(Duration.ofHours(24)) > 0) {
            throw root.get("duration").error("must be more than 0 and at most 24h");
        }
        double speed = root.decimal("speed", 1, 1, 100_000);
        // the agents' telemetry interval and MQTT keep-alive are whole real seconds
        Duration realSecond = Duration.ofMillis(Math.round(1000 * speed));
        Duration shortest = realSecond.compareTo(Duration.ofSeconds(5)) > 0 ? realSecond : Duration.ofSeconds(5);
        Duration fallback = shortest.compareTo(Duration.ofSeconds(10)) > 0 ? shortest : Duration.ofSeconds(10);
        Duration telemetry = root.duration("telemetryInterval", fallback);
        if (telemetry.compareTo(realSecond) < 0 || telemetry.toSeconds() < 1) {
            throw root.get("telemetryInterval").error("at least " + Math.max(1, realSecond.toSeconds()) + "s (one real second)");
        }
        int keepAlive = (int) root.duration("keepAlive", fallback).toSeconds();
        if (keepAlive < shortest.toSeconds() || keepAlive > 3600) {
            throw root.get("keepAlive").error("between " + shortest.toSeconds() + "s and 1h");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(root.text("timezone", "Asia/Shanghai"));
        } catch (DateTimeException e) {
            throw root.get("timezone").error("not a time zone such as Asia/Shanghai");
        }
        Scenario.Usage usage = new Scenario.Usage(0, Duration.ofSeconds(5));
        if (root.has("usage")) {
            YamlValue u = root.get("usage").only("activity", "tick");
            usage = new Scenario.Usage(u.decimal("activity", 0.3, 0, 1), u.duration("tick", Duration.ofSeconds(5)));
        }
        List<Scenario.District> districts = fleet(root.get("fleet"));
        int kiosks = districts.stream().flatMap(d -> d.streets().stream()).flatMap(s -> s.communities().stream())
                .mapToInt(c -> c.sites() * c.kiosksPerSite()).sum();
        if (kiosks < 1 || kiosks > MAX_KIOSKS) {
            throw root.get("fleet").error("the fleet has " + kiosks + " kiosks; 1 to " + MAX_KIOSKS + " are allowed");
        }
        List<Scenario.Fault> faults = new ArrayList<>();
        for (YamlValue f : root.list("faults")) {
            faults.add(fault(f, kiosks, duration));
        }
        List<Scenario.Expectation> expectations = new ArrayList<>();
        for (YamlValue e : root.list("expect")) {
            expectations.add(expectation(e, kiosks));
        }
        return new Scenario(name, root.integer("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE), speed, duration, telemetry, keepAlive, usage, zone,
                districts, faults, expectations);
    }

    private static List<Scenario.District> fleet(YamlValue fleet) throws ScenarioException {
        fleet.only("districts");
        List<Scenario.District> districts = new ArrayList<>();
        for (YamlValue d : fleet.get("districts").list()) {
            d.only("name", "streets");
            List<Scenario.Street> streets = new ArrayList<>();
            for (YamlValue s : d.get("streets").list()) {
                s.only("name", "communities");
                List<Scenario.Community> communities = new ArrayList<>();
                for (YamlValue c : s.get("communities").list()) {
                    c.only("name", "sites", "kiosksPerSite", "lockers", "health");
                    List<Integer> lockers = new ArrayList<>();
                    for (YamlValue bank : c.list("lockers")) {
                        lockers.add((int) bank.integer(1, 200));
                    }
                    if (lockers.size() > 16) {
                        throw c.get("lockers").error("at most 16 banks");
                    }
                    communities.add(new Scenario.Community(c.get("name").text(), (int) c.integer("sites", 1, 1, 1000),
                            (int) c.integer("kiosksPerSite", 1, 1, 100), List.copyOf(lockers), c.bool("health", true)));
                }
                streets.add(new Scenario.Street(s.get("name").text(), List.copyOf(communities)));
            }
            districts.add(new Scenario.District(d.get("name").text(), List.copyOf(streets)));
        }
        return List.copyOf(districts);
    }

    private static Scenario.Fault fault(YamlValue f, int kiosks, Duration duration) throws ScenarioException {
        f.only("at", "fault", "kiosk", "kiosks", "for", "bank", "compartment", "times", "every", "skew");
        Duration at = f.get("at").duration();
        if (at.compareTo(duration) >= 0) {
            throw f.get("at").error("after the end of the scenario (" + duration.toSeconds() + " s)");
        }
        FaultKind kind;
        String word = f.get("fault").text();
        try {
            kind = FaultKind.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw f.get("fault").error("unknown fault '" + word + "'; one of "
                    + Arrays.stream(FaultKind.values()).map(FaultKind::wire).collect(Collectors.joining(", ")));
        }
        List<Integer> targets;
        if (kind == FaultKind.BROKER_UNREACHABLE) {
            if (f.has("kiosk") || f.has("kiosks")) {
                throw f.error("broker_unreachable concerns every kiosk: leave out kiosk and kiosks");
            }
            targets = new ArrayList<>();
            for (int i = 1; i <= kiosks; i++) {
                targets.add(i);
            }
        } else {
            targets = targets(f, kiosks);
        }
        boolean locker = kind == FaultKind.DOOR_JAM || kind == FaultKind.FLAPPING_SENSOR;
        String bank = locker ? f.text("bank", "A") : null;
        Integer compartment = locker ? (int) f.get("compartment").integer(1, 200) : null;
        boolean repeated = kind == FaultKind.FLAPPING_SENSOR || kind == FaultKind.REBOOT_LOOP;
        int times = repeated ? (int) f.integer("times", 3, 1, 1000) : 1;
        Duration every = repeated ? f.duration("every", Duration.ofSeconds(kind == FaultKind.REBOOT_LOOP ? 10 : 1)) : null;
        Duration skew = null;
        if (kind == FaultKind.CLOCK_SKEW) {
            String text = f.get("skew").text().trim();
            boolean behind = text.startsWith("-");
            YamlValue v = f.get("skew");
            Duration d = YamlValue.parse(behind ? text.substring(1) : text, "skew").duration();
            skew = behind ? d.negated() : d;
            if (skew.isZero()) {
                throw v.error("a skew of zero is no fault");
            }
        }
        return new Scenario.Fault(f.line(), at, kind, targets, f.has("for") ? f.get("for").duration() : null, bank, compartment, times, every,
                skew);
    }

    private static List<Integer> targets(YamlValue f, int kiosks) throws ScenarioException {
        if (f.has("kiosk") == f.has("kiosks")) {
            throw f.error("name the kiosk (kiosk: 3) or kiosks (kiosks: [1, 2] or kiosks: all), not both or neither");
        }
        if (f.has("kiosk")) {
            return List.of((int) f.get("kiosk").integer(1, kiosks));
        }
        YamlValue k = f.get("kiosks");
        if (!k.isList()) {
            if (!k.text().equals("all")) {
                throw k.error("a list of kiosk numbers, or all");
            }
            List<Integer> all = new ArrayList<>();
            for (int i = 1; i <= kiosks; i++) {
                all.add(i);
            }
            return all;
        }
        List<Integer> out = new ArrayList<>();
        for (YamlValue n : k.list()) {
            out.add((int) n.integer(1, kiosks));
        }
        return out;
    }

    private static Scenario.Expectation expectation(YamlValue e, int kiosks) throws ScenarioException {
        e.only("alert", "kiosk", "count", "within", "connection", "noSequenceGaps");
        Integer kiosk = e.has("kiosk") ? (int) e.get("kiosk").integer(1, kiosks) : null;
        if (e.has("alert")) {
            String type = e.get("alert").text();
            if (!type.matches("[a-z0-9_]{1,64}")) {
                throw e.get("alert").error("an alert type such as device_offline or jammed");
            }
            Integer count = e.has("count") ? (int) e.get("count").integer(0, 100_000) : null;
            return new Scenario.Expectation(e.line(), "alert", type, kiosk, count, e.duration("within", null));
        }
        if (e.has("connection")) {
            String state = e.get("connection").text();
            if (!state.equals("online") && !state.equals("offline")) {
                throw e.get("connection").error("online or offline");
            }
            if (kiosk == null) {
                throw e.error("'kiosk' is required with connection");
            }
            return new Scenario.Expectation(e.line(), "connection", state, kiosk, null, null);
        }
        if (e.has("noSequenceGaps")) {
            if (!e.bool("noSequenceGaps", true)) {
                throw e.get("noSequenceGaps").error("only 'noSequenceGaps: true' means something");
            }
            return new Scenario.Expectation(e.line(), "no_sequence_gaps", null, null, null, null);
        }
        throw e.error("an expectation needs one of: alert, connection, noSequenceGaps");
    }
}
