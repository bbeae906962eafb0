package org.kioskops.hub.site;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When a site serves residents: opening and closing minute of each weekday in the site's time zone, minus
 * holidays. A weekday without hours is closed. Pure.
 *
 * @param hours    per weekday, {@code [opens, closes)} in minutes of the day, 0 to 1440
 * @param holidays local dates without service
 */
public record WeeklyHours(ZoneId zone, Map<DayOfWeek, int[]> hours, Set<LocalDate> holidays) {

    /** When the current opening began, or empty when the site is closed at {@code now}. */
    public Optional<Instant> openSince(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return Optional.empty();
        }
        int[] slot = hours.get(local.getDayOfWeek());
        int minute = local.getHour() * 60 + local.getMinute();
        if (slot == null || minute < slot[0] || minute >= slot[1]) {
            return Optional.empty();
        }
        return Optional.of(local.toLocalDate().atStartOfDay(zone).plusMinutes(slot[0]).toInstant());
    }

    /** Parses {@code HH:mm} (00:00 to 24:00) into minutes of the day, or -1. */
    public static int minutes(String hhmm) {
        if (hhmm == null || !hhmm.matches("\\d\\d:\\d\\d")) {
            return -1;
        }
        int h = Integer.parseInt(hhmm.substring(0, 2));
        int m = Integer.parseInt(hhmm.substring(3));
        if (m > 59 || h > 24 || (h == 24 && m != 0)) {
            return -1;
        }
        return h * 60 + m;
    }
}
