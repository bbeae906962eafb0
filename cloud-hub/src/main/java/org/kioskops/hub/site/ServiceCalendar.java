package org.kioskops.hub.site;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.error.HubException;

/**
 * Service hours and holidays of sites. Hours set on a node apply to its subtree unless a deeper node sets its
 * own; holidays of a node and of all its ancestors apply. A site with no hours anywhere above it is always in
 * service, so that nothing goes unwatched for want of a setting. Changes are audited.
 */
@ApplicationScoped
public class ServiceCalendar {
    @Inject
    AuditLog audit;

    /** One weekday's opening, {@code HH:mm} local time; closes may be 24:00. */
    public record Day(String day, String opens, String closes) {
    }

    /**
     * The hours in force at a node.
     *
     * @param definedAt the node they were set on; null when none are set (always in service)
     */
    public record Hours(String definedAt, String zone, List<Day> week) {
    }

    /** A day without service, with the node it was set on. */
    public record Holiday(LocalDate day, String name, String definedAt) {
    }

    /** Hours and holidays of every site, for one evaluation. */
    public final class Snapshot {
        private final Map<String, List<ServiceHoursRow>> hoursBySite = new HashMap<>();
        private final Map<String, Set<LocalDate>> holidaysBySite = new HashMap<>();
        private final Map<String, String> paths = SiteNode.paths();
        private final Map<String, Optional<WeeklyHours>> resolved = new HashMap<>();

        private Snapshot() {
            ServiceHoursRow.<ServiceHoursRow>listAll().forEach(r -> hoursBySite.computeIfAbsent(r.siteId, s -> new ArrayList<>()).add(r));
            ServiceHoliday.<ServiceHoliday>listAll().forEach(h -> holidaysBySite.computeIfAbsent(h.siteId, s -> new HashSet<>()).add(h.day));
        }

        /**
         * When the site's current service period began: {@link Instant#MIN} for a site without hours (always in
         * service), empty while it is closed.
         */
        public Optional<Instant> openSince(String siteId, Instant now) {
            Optional<WeeklyHours> hours = resolved.computeIfAbsent(String.valueOf(siteId), s -> weeklyHours(siteId));
            return hours.isEmpty() ? Optional.of(Instant.MIN) : hours.get().openSince(now);
        }

        /** The time zone of a site's service hours, if it or a node above it has hours. */
        public Optional<ZoneId> zone(String siteId) {
            return resolved.computeIfAbsent(String.valueOf(siteId), s -> weeklyHours(siteId)).map(WeeklyHours::zone);
        }

        private Optional<WeeklyHours> weeklyHours(String siteId) {
            List<String> ancestry = SiteNode.ancestry(paths.get(siteId));
            List<ServiceHoursRow> rows = null;
            Set<LocalDate> holidays = new HashSet<>();
            for (String node : ancestry) {
                if (hoursBySite.containsKey(node)) {
                    rows = hoursBySite.get(node);
                }
                holidays.addAll(holidaysBySite.getOrDefault(node, Set.of()));
            }
            if (rows == null) {
                return Optional.empty();
            }
            Map<DayOfWeek, int[]> week = new EnumMap<>(DayOfWeek.class);
            rows.forEach(r -> week.put(DayOfWeek.of(r.weekday), new int[] {WeeklyHours.minutes(r.opens), WeeklyHours.minutes(r.closes)}));
            return Optional.of(new WeeklyHours(ZoneId.of(rows.get(0).zone), week, holidays));
        }
    }

    /** Loads every calendar; call inside a transaction. */
    public Snapshot snapshot() {
        return new Snapshot();
    }

    @Transactional
    public Hours hours(String siteId) {
        SiteNode site = requireSite(siteId);
        List<String> ancestry = SiteNode.ancestry(site.path);
        for (int i = ancestry.size() - 1; i >= 0; i--) {
            List<ServiceHoursRow> rows = ServiceHoursRow.list("siteId = ?1 order by weekday", ancestry.get(i));
            if (!rows.isEmpty()) {
                return new Hours(ancestry.get(i), rows.get(0).zone, rows.stream()
                        .map(r -> new Day(DayOfWeek.of(r.weekday).name().toLowerCase(Locale.ROOT), r.opens, r.closes)).toList());
            }
        }
        return new Hours(null, null, List.of());
    }

    /** Replaces the hours set on a node; weekdays left out are closed. */
    @Transactional
    public Hours setHours(String siteId, String zone, List<Day> week, String actor) {
        requireSite(siteId);
        try {
            ZoneId.of(zone == null ? "" : zone);
        } catch (DateTimeException e) {
            throw new HubException(SiteError.INVALID_SITE, "zone must be a time zone id such as Asia/Shanghai");
        }
        if (week == null || week.isEmpty()) {
            throw new HubException(SiteError.INVALID_SITE, "week lists the days with service: [{\"day\":\"monday\",\"opens\":\"08:00\",\"closes\":\"20:00\"}]");
        }
        Map<DayOfWeek, Day> days = new EnumMap<>(DayOfWeek.class);
        for (Day d : week) {
            DayOfWeek day;
            try {
                day = DayOfWeek.valueOf(String.valueOf(d.day()).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new HubException(SiteError.INVALID_SITE, "day must be monday to sunday, not '" + d.day() + "'");
            }
            int opens = WeeklyHours.minutes(d.opens());
            int closes = WeeklyHours.minutes(d.closes());
            if (opens < 0 || closes < 0 || opens >= closes) {
                throw new HubException(SiteError.INVALID_SITE, day.name().toLowerCase(Locale.ROOT)
                        + ": opens and closes are HH:mm, opens before closes (24:00 allowed)");
            }
            if (days.put(day, d) != null) {
                throw new HubException(SiteError.INVALID_SITE, day.name().toLowerCase(Locale.ROOT) + " is listed twice");
            }
        }
        ServiceHoursRow.delete("siteId", siteId);
        ServiceHoursRow.getEntityManager().flush();
        days.forEach((day, d) -> {
            ServiceHoursRow row = new ServiceHoursRow();
            row.siteId = siteId;
            row.weekday = day.getValue();
            row.opens = d.opens();
            row.closes = d.closes();
            row.zone = zone;
            row.persist();
        });
        audit.record(actor, "service_hours.set", "site:" + siteId, zone + " " + days.values().stream()
                .map(d -> d.day() + " " + d.opens() + "-" + d.closes()).toList());
        return hours(siteId);
    }

    /** Removes the hours set on a node; an ancestor's apply again, or none (always in service). */
    @Transactional
    public Hours clearHours(String siteId, String actor) {
        requireSite(siteId);
        if (ServiceHoursRow.delete("siteId", siteId) > 0) {
            audit.record(actor, "service_hours.removed", "site:" + siteId, null);
        }
        return hours(siteId);
    }

    /** The holidays in force at a node: its own and its ancestors'. */
    @Transactional
    public List<Holiday> holidays(String siteId) {
        List<String> ancestry = SiteNode.ancestry(requireSite(siteId).path);
        return ServiceHoliday.<ServiceHoliday>list("siteId in ?1", ancestry).stream()
                .map(h -> new Holiday(h.day, h.name, h.siteId)).sorted(Comparator.comparing(Holiday::day)).toList();
    }

    @Transactional
    public List<Holiday> addHoliday(String siteId, String day, String name, String actor) {
        requireSite(siteId);
        LocalDate date = holidayDate(day);
        if (name != null && name.length() > 200) {
            throw new HubException(SiteError.INVALID_SITE, "a holiday's name takes up to 200 characters");
        }
        ServiceHoliday.Key key = new ServiceHoliday.Key();
        key.siteId = siteId;
        key.day = date;
        ServiceHoliday holiday = ServiceHoliday.findById(key);
        if (holiday == null) {
            holiday = new ServiceHoliday();
            holiday.siteId = siteId;
            holiday.day = date;
            holiday.name = name;
            holiday.persist();
        } else {
            holiday.name = name;
        }
        audit.record(actor, "holiday.set", "site:" + siteId, date + (name == null ? "" : " " + name));
        return holidays(siteId);
    }

    @Transactional
    public List<Holiday> removeHoliday(String siteId, String day, String actor) {
        requireSite(siteId);
        LocalDate date = holidayDate(day);
        if (ServiceHoliday.delete("siteId = ?1 and day = ?2", siteId, date) > 0) {
            audit.record(actor, "holiday.removed", "site:" + siteId, date.toString());
        }
        return holidays(siteId);
    }

    private static LocalDate holidayDate(String day) {
        try {
            return LocalDate.parse(String.valueOf(day));
        } catch (DateTimeException e) {
            throw new HubException(SiteError.INVALID_SITE, "a holiday is an ISO date such as 2026-10-01");
        }
    }

    private static SiteNode requireSite(String siteId) {
        SiteNode site = SiteNode.findById(siteId);
        if (site == null) {
            throw new HubException(SiteError.SITE_NOT_FOUND, "no site '" + siteId + "'");
        }
        return site;
    }
}
