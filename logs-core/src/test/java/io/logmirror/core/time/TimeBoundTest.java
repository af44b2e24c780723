package io.logmirror.core.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeBoundTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private static Instant parse(String text) {
        return TimeBound.parse(text, PARIS, NOW);
    }

    @Test
    void readsADateAsItsMidnightInTheGivenZone() {
        assertThat(parse("2026-12-07")).isEqualTo(Instant.parse("2026-12-06T23:00:00Z"));
    }

    @Test
    void readsADateTimeWithoutAnOffsetInTheGivenZone() {
        assertThat(parse("2026-12-07T10:00")).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
        assertThat(parse("2026-12-07 10:00:30")).isEqualTo(Instant.parse("2026-12-07T09:00:30Z"));
        assertThat(parse("2026-12-07T10:00:30.250")).isEqualTo(Instant.parse("2026-12-07T09:00:30.250Z"));
        assertThat(parse("2026-12-07 10:00:30,5")).isEqualTo(Instant.parse("2026-12-07T09:00:30.500Z"));
    }

    @Test
    void readsADateTimeWithAnOffsetAsAbsolute() {
        assertThat(parse("2026-12-07T10:00:00Z")).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
        assertThat(parse("2026-12-07T10:00:00+02:00")).isEqualTo(Instant.parse("2026-12-07T08:00:00Z"));
        assertThat(parse("2026-12-07T10:00-0130")).isEqualTo(Instant.parse("2026-12-07T11:30:00Z"));
        assertThat(parse("2026-12-07T10:00:00+05")).isEqualTo(Instant.parse("2026-12-07T05:00:00Z"));
    }

    @Test
    void readsEpochSecondsWithAnOptionalFraction() {
        assertThat(parse("1796637600")).isEqualTo(Instant.ofEpochSecond(1_796_637_600L));
        assertThat(parse("1796637600.5")).isEqualTo(Instant.ofEpochSecond(1_796_637_600L, 500_000_000));
        assertThat(parse("0")).isEqualTo(Instant.EPOCH);
    }

    @Test
    void readsRelativeAgesBackFromNow() {
        assertThat(parse("15m")).isEqualTo(NOW.minusSeconds(15 * 60));
        assertThat(parse("2h")).isEqualTo(NOW.minusSeconds(2 * 3600));
        assertThat(parse("7d")).isEqualTo(NOW.minusSeconds(7 * 86_400));
        assertThat(parse("30s")).isEqualTo(NOW.minusSeconds(30));
        assertThat(parse("1w")).isEqualTo(NOW.minusSeconds(7 * 86_400));
        assertThat(parse(" 2H ")).isEqualTo(NOW.minusSeconds(2 * 3600));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "15x", "m15", "-5", "2026/12/07", "12-07-2026", "2026-12-07T", "2026-12-07T10",
            "1e9", "15 minutes", "0x10"})
    void refusesTextThatIsNoneOfTheFormsListingThem(String text) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + text.strip() + "' is not a time: use an ISO 8601 date (2026-12-07)")
                .hasMessageContaining("15m, 2h, 7d");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-01", "2026-02-30", "2026-12-07T25:00", "2026-12-07T10:61:00", "2026-12-07T10:00+19:00"})
    void refusesDatesAndTimesThatDoNotExistSayingWhy(String text) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + text + "' is not a real date or time (")
                .hasMessageContaining("use an ISO 8601 date");
    }

    @Test
    void refusesAnEmptyOrOverlongValue() {
        assertThatThrownBy(() -> parse("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("an empty time bound is not a time");
        assertThatThrownBy(() -> parse("9".repeat(100))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is too long to be a time");
    }

    @Test
    void showsControlCharactersInTheMessageEscaped() {
        assertThatThrownBy(() -> parse("2h\u0007x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'2h\\u0007x' is not a time");
    }
}
