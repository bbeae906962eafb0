package org.kioskops.hub.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WeeklyHoursTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    // Saturday 2026-11-28 and Sunday 2026-11-29, 08:00 to 20:00 in Shanghai (UTC+8); closed on Sunday the 29th as a holiday
    private final WeeklyHours hours = new WeeklyHours(SHANGHAI,
            Map.of(DayOfWeek.SATURDAY, new int[] {8 * 60, 20 * 60}, DayOfWeek.SUNDAY, new int[] {8 * 60, 20 * 60}),
            Set.of(LocalDate.parse("2026-11-29")));

    @Test
    void is_open_from_opening_time_in_the_sites_zone() {
        assertThat(hours.openSince(Instant.parse("2026-11-28T00:00:00Z"))).as("08:00 in Shanghai")
                .contains(Instant.parse("2026-11-28T00:00:00Z"));
        assertThat(hours.openSince(Instant.parse("2026-11-28T11:59:59Z"))).as("19:59:59 in Shanghai")
                .contains(Instant.parse("2026-11-28T00:00:00Z"));
    }

    @Test
    void is_closed_before_opening_at_closing_time_and_on_days_without_hours() {
        assertThat(hours.openSince(Instant.parse("2026-11-27T23:59:59Z"))).as("07:59:59 in Shanghai").isEmpty();
        assertThat(hours.openSince(Instant.parse("2026-11-28T12:00:00Z"))).as("20:00 in Shanghai").isEmpty();
        assertThat(hours.openSince(Instant.parse("2026-11-27T03:00:00Z"))).as("a Friday").isEmpty();
    }

    @Test
    void is_closed_on_a_holiday_in_local_time() {
        assertThat(hours.openSince(Instant.parse("2026-11-29T03:00:00Z"))).isEmpty();
    }

    @Test
    void reads_times_up_to_midnight_at_the_end_of_the_day() {
        assertThat(WeeklyHours.minutes("00:00")).isZero();
        assertThat(WeeklyHours.minutes("24:00")).isEqualTo(1440);
        assertThat(WeeklyHours.minutes("24:01")).isEqualTo(-1);
        assertThat(WeeklyHours.minutes("8:00")).isEqualTo(-1);
        assertThat(WeeklyHours.minutes("08:60")).isEqualTo(-1);
    }
}
