package io.logmirror.core.time.internal;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class LocalTimesTest {

    @Test
    void computesTheSameEpochDayAsJavaTimeOverFourCenturies() {
        for (LocalDate date = LocalDate.of(1800, 1, 1); date.getYear() < 2200; date = date.plusDays(1)) {
            assertThat(LocalTimes.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth()))
                    .as(date.toString()).isEqualTo(date.toEpochDay());
        }
    }

    @Test
    void tellsRealDatesFromImpossibleOnes() {
        assertThat(LocalTimes.validDate(2024, 2, 29)).isTrue();
        assertThat(LocalTimes.validDate(2026, 2, 29)).isFalse();
        assertThat(LocalTimes.validDate(2000, 2, 29)).isTrue();
        assertThat(LocalTimes.validDate(1900, 2, 29)).isFalse();
        assertThat(LocalTimes.validDate(2026, 4, 31)).isFalse();
        assertThat(LocalTimes.validDate(2026, 0, 1)).isFalse();
        assertThat(LocalTimes.validDate(2026, 12, 0)).isFalse();
    }

    @Test
    void convertsLocalTimesWithTheZonesOffsetAcrossAYear() {
        ZoneId zone = ZoneId.of("America/New_York");
        LocalTimes times = new LocalTimes(zone);
        for (LocalDateTime t = LocalDateTime.of(2026, 1, 1, 0, 17, 3); t.getYear() == 2026; t = t.plusMinutes(97)) {
            long expected = t.atZone(zone).toInstant().toEpochMilli();
            assertThat(times.zonedMillis(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(),
                    t.getSecond(), 0)).as(t.toString()).isEqualTo(expected);
        }
    }

    @Test
    void readsALeapSecondAsTheSecondBefore() {
        assertThat(LocalTimes.utcMillis(2016, 12, 31, 23, 59, 60, 0)).isEqualTo(LocalTimes.utcMillis(2016, 12, 31, 23, 59, 59, 0));
    }
}
