package org.kioskops.hub.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.kioskops.hub.device.Connection;
import org.kioskops.hub.device.OfflineCause;
import org.kioskops.hub.device.Registration;
import org.kioskops.hub.site.ServiceCalendar;

/**
 * The device rules: what is wrong with registered devices now, read from their latest state, each with the
 * threshold in force for the device ({@link Thresholds}). Offline; every fault a device reports and has not
 * cleared (type = the fault's code); the screen dark during the site's service hours; a compartment door
 * open too long; a parcel not collected; a locker bank full; CPU hot; disk nearly full; the agent
 * restarting too often; the clock skewed. Vitals, screen and clock rules look only at online devices: an
 * offline box has its own alert.
 */
@ApplicationScoped
public class DeviceConditions {
    static final String OFFLINE = Rule.DEVICE_OFFLINE.type();
    private static final List<String> STARTS = List.of(OfflineCause.RESTART.wire(), OfflineCause.AGENT_CRASH.wire(),
            OfflineCause.REBOOT.wire(), OfflineCause.POWER_LOSS.wire());

    @Inject
    EntityManager em;

    @Inject
    Thresholds thresholds;

    @Inject
    ServiceCalendar calendar;

    /** Every condition that holds at {@code now}; call inside a transaction. */
    List<Condition> current(Instant now) {
        Thresholds.Snapshot limits = thresholds.snapshot();
        List<Condition> conditions = new ArrayList<>();
        offline(limits, conditions);
        faults(conditions);
        screens(limits, calendar.snapshot(), now, conditions);
        doors(limits, now, conditions);
        parcels(limits, now, conditions);
        banks(limits, conditions);
        vitals(limits, conditions);
        restarts(limits, now, conditions);
        clocks(limits, conditions);
        return conditions;
    }

    private void offline(Thresholds.Snapshot limits, List<Condition> out) {
        for (Object[] row : registered("select s.deviceId, d.siteId, s.connectionSince, s.offlineReason from DeviceState s, Device d "
                + "where d.id = s.deviceId and s.connection = :offline and d.registration = :registered", Connection.OFFLINE)) {
            String device = (String) row[0];
            String site = (String) row[1];
            String cause = (String) row[3];
            out.add(new Condition(device, site, "device", OFFLINE, "critical", (Instant) row[2],
                    limits.duration(Rule.DEVICE_OFFLINE, device, site), "offline" + (cause == null ? "" : ", " + cause)));
        }
    }

    private void faults(List<Condition> out) {
        for (Object[] row : registered("select f.deviceId, d.siteId, f.component, f.code, f.raisedAt, f.detail from DeviceFault f, "
                + "Device d where d.id = f.deviceId and f.clearedAt is null and d.registration = :registered", null)) {
            out.add(new Condition((String) row[0], (String) row[1], (String) row[2], (String) row[3], "major", (Instant) row[4],
                    Duration.ZERO, (String) row[5]));
        }
    }

    /** Off or no signal while the site is open; the time counts from the later of going dark and opening. */
    private void screens(Thresholds.Snapshot limits, ServiceCalendar.Snapshot calendar, Instant now, List<Condition> out) {
        for (Object[] row : registered("select s.deviceId, d.siteId, s.screenState, s.screenSince from DeviceState s, Device d "
                + "where d.id = s.deviceId and s.connection = :online and d.registration = :registered "
                + "and s.screenState in ('off', 'no_signal')", Connection.ONLINE)) {
            String device = (String) row[0];
            String site = (String) row[1];
            Optional<Instant> open = calendar.openSince(site, now);
            if (open.isEmpty()) {
                continue;
            }
            Instant dark = row[3] == null ? now : (Instant) row[3];
            Instant since = dark.isAfter(open.get()) ? dark : open.get();
            out.add(new Condition(device, site, "screen", Rule.SCREEN_DARK.type(), "major", since,
                    limits.duration(Rule.SCREEN_DARK, device, site), "screen " + row[2] + " since " + dark + " during service hours"));
        }
    }

    private void doors(Thresholds.Snapshot limits, Instant now, List<Condition> out) {
        List<Object[]> rows = em.createQuery("select c.deviceId, d.siteId, c.bank, c.no, c.doorSince from Compartment c, Device d "
                        + "where d.id = c.deviceId and d.registration = :registered and c.doorSince < :earliest", Object[].class)
                .setParameter("registered", Registration.REGISTERED)
                .setParameter("earliest", now.minus(Rule.duration(Rule.DOOR_OPEN, Rule.DOOR_OPEN.min()))).getResultList();
        for (Object[] row : rows) {
            String device = (String) row[0];
            out.add(new Condition(device, (String) row[1], "locker:" + row[2] + ":" + row[3], Rule.DOOR_OPEN.type(), "major",
                    (Instant) row[4], limits.duration(Rule.DOOR_OPEN, device, (String) row[1]), "door open since " + row[4]));
        }
    }

    private void parcels(Thresholds.Snapshot limits, Instant now, List<Condition> out) {
        List<Object[]> rows = em.createQuery("select c.deviceId, d.siteId, c.bank, c.no, c.occupiedSince from Compartment c, Device d "
                        + "where d.id = c.deviceId and d.registration = :registered and c.occupiedSince < :earliest", Object[].class)
                .setParameter("registered", Registration.REGISTERED)
                .setParameter("earliest", now.minus(Rule.duration(Rule.PARCEL_UNCOLLECTED, Rule.PARCEL_UNCOLLECTED.min()))).getResultList();
        for (Object[] row : rows) {
            String device = (String) row[0];
            out.add(new Condition(device, (String) row[1], "locker:" + row[2] + ":" + row[3], Rule.PARCEL_UNCOLLECTED.type(), "minor",
                    (Instant) row[4], limits.duration(Rule.PARCEL_UNCOLLECTED, device, (String) row[1]), "parcel inside since " + row[4]));
        }
    }

    /** Every compartment of a bank occupied; the time counts from the last one to fill. */
    private void banks(Thresholds.Snapshot limits, List<Condition> out) {
        List<Object[]> rows = em.createQuery("select c.deviceId, d.siteId, c.bank, count(c), max(c.occupiedSince) from Compartment c, "
                        + "Device d where d.id = c.deviceId and d.registration = :registered group by c.deviceId, d.siteId, c.bank "
                        + "having count(c) = sum(case when c.occupied = true then 1 else 0 end)", Object[].class)
                .setParameter("registered", Registration.REGISTERED).getResultList();
        for (Object[] row : rows) {
            if (row[4] == null) {
                continue;
            }
            String device = (String) row[0];
            out.add(new Condition(device, (String) row[1], "locker:" + row[2], Rule.BANK_FULL.type(), "minor", (Instant) row[4],
                    limits.duration(Rule.BANK_FULL, device, (String) row[1]), "all " + row[3] + " compartments occupied"));
        }
    }

    private void vitals(Thresholds.Snapshot limits, List<Condition> out) {
        for (Object[] row : registered("select s.deviceId, d.siteId, s.cpuTempC, s.diskUsedBytes, s.diskTotalBytes, s.telemetryAt "
                + "from DeviceState s, Device d where d.id = s.deviceId and s.connection = :online and d.registration = :registered "
                + "and (s.cpuTempC >= " + Rule.CPU_HOT.min() + " or s.diskUsedBytes * 2 >= s.diskTotalBytes)", Connection.ONLINE)) {
            String device = (String) row[0];
            String site = (String) row[1];
            Instant at = (Instant) row[5];
            Double cpu = (Double) row[2];
            if (cpu != null && cpu >= limits.value(Rule.CPU_HOT, device, site)) {
                out.add(new Condition(device, site, "system", Rule.CPU_HOT.type(), "major", at, Duration.ZERO,
                        "CPU at " + cpu + " °C (limit " + limits.value(Rule.CPU_HOT, device, site) + ")"));
            }
            Long used = (Long) row[3];
            Long total = (Long) row[4];
            if (used != null && total != null && total > 0) {
                double percent = 100.0 * used / total;
                if (percent >= limits.value(Rule.DISK_FULL, device, site)) {
                    out.add(new Condition(device, site, "system", Rule.DISK_FULL.type(), "major", at, Duration.ZERO,
                            String.format(Locale.ROOT, "disk %.1f%% used, %d MB free", percent, (total - used) / 1_000_000)));
                }
            }
        }
    }

    /** Agent starts within the last hour, counted from the outages that ended in one (restart, crash, reboot, power cut). */
    private void restarts(Thresholds.Snapshot limits, Instant now, List<Condition> out) {
        List<Object[]> rows = em.createQuery("select a.deviceId, d.siteId, count(a), min(a.changedAt) from AvailabilityChange a, Device d "
                        + "where d.id = a.deviceId and d.registration = :registered and a.connection = :offline and a.cause in :causes "
                        + "and a.changedAt >= :since group by a.deviceId, d.siteId", Object[].class)
                .setParameter("registered", Registration.REGISTERED).setParameter("offline", Connection.OFFLINE)
                .setParameter("causes", STARTS).setParameter("since", now.minus(Duration.ofHours(1))).getResultList();
        for (Object[] row : rows) {
            String device = (String) row[0];
            long starts = (Long) row[2];
            if (starts >= limits.value(Rule.AGENT_RESTARTING, device, (String) row[1])) {
                out.add(new Condition(device, (String) row[1], "agent", Rule.AGENT_RESTARTING.type(), "major", (Instant) row[3],
                        Duration.ZERO, starts + " restarts in the last hour"));
            }
        }
    }

    private void clocks(Thresholds.Snapshot limits, List<Condition> out) {
        for (Object[] row : registered("select s.deviceId, d.siteId, s.clockSkewMs, s.connectionSince from DeviceState s, Device d "
                + "where d.id = s.deviceId and s.connection = :online and d.registration = :registered and "
                + "(s.clockSkewMs >= 1000 or s.clockSkewMs <= -1000)", Connection.ONLINE)) {
            String device = (String) row[0];
            String site = (String) row[1];
            long skew = (Long) row[2];
            if (Math.abs(skew) >= limits.value(Rule.CLOCK_SKEW, device, site) * 1000) {
                out.add(new Condition(device, site, "clock", Rule.CLOCK_SKEW.type(), "minor", (Instant) row[3], Duration.ZERO,
                        "device clock " + (skew > 0 ? "ahead" : "behind") + " by " + Math.abs(skew) / 1000 + " s"));
            }
        }
    }

    private List<Object[]> registered(String query, Connection connection) {
        var q = em.createQuery(query, Object[].class).setParameter("registered", Registration.REGISTERED);
        if (connection == Connection.OFFLINE) {
            q.setParameter("offline", connection);
        } else if (connection == Connection.ONLINE) {
            q.setParameter("online", connection);
        }
        return q.getResultList();
    }
}
