package io.logmirror.core.time.internal;

import io.logmirror.core.time.LineTimeFormat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class TimeParsersTest {

    private final TimeParsers parsers = new TimeParsers(ZoneOffset.UTC, Instant.parse("2026-12-07T12:00:00Z"));

    private long parse(LineTimeFormat format, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parsers.parse(format, -1, bytes, 0, bytes.length);
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void toldEpochUnitsApartBySize() {
        assertThat(parse(LineTimeFormat.JSON, "{\"ts\":1796637600}")).isEqualTo(1_796_637_600_000L);
        assertThat(parse(LineTimeFormat.JSON, "{\"ts\":1796637600123}")).isEqualTo(1_796_637_600_123L);
        assertThat(parse(LineTimeFormat.JSON, "{\"ts\":1796637600123456}")).isEqualTo(1_796_637_600_123L);
        assertThat(parse(LineTimeFormat.JSON, "{\"ts\":1796637600123456789}")).isEqualTo(1_796_637_600_123L);
    }

    @Test
    void refusesJsonValuesThatAreNotTimes() {
        assertThat(parse(LineTimeFormat.JSON, "{\"ts\":\"soon\"}")).isEqualTo(TimeParsers.NONE);
        assertThat(parse(LineTimeFormat.JSON, "{\"ts\":-5}")).isEqualTo(TimeParsers.NONE);
        assertThat(parse(LineTimeFormat.JSON, "{\"ts\" 5}")).isEqualTo(TimeParsers.NONE);
        assertThat(parse(LineTimeFormat.JSON, "{\"ts\":99999999999999999999}")).isEqualTo(TimeParsers.NONE);
        assertThat(parse(LineTimeFormat.JSON, "{\"msg\":\"no time\"}")).isEqualTo(TimeParsers.NONE);
    }

    @Test
    void readsLogfmtKeysOnlyAtAWordStart() {
        assertThat(parse(LineTimeFormat.LOGFMT, "xts=2026-12-07T10:00:00Z")).isEqualTo(TimeParsers.NONE);
        assertThat(parse(LineTimeFormat.LOGFMT, "a=1 ts=1796637600")).isEqualTo(1_796_637_600_000L);
        assertThat(parse(LineTimeFormat.LOGFMT, "lasts=3 ts=2026-12-07T10:00:00Z")).isEqualTo(millis("2026-12-07T10:00:00Z"));
    }

    @Test
    void refusesTruncatedLinesOfEachFormat() {
        assertThat(parse(LineTimeFormat.ISO_8601, "2026-12-07 10:00")).isEqualTo(TimeParsers.NONE);
        assertThat(parse(LineTimeFormat.VLLM, "INFO 12-07 10:00")).isEqualTo(TimeParsers.NONE);
        assertThat(parse(LineTimeFormat.SYSLOG, "Dec  7 10:00")).isEqualTo(TimeParsers.NONE);
        assertThat(parse(LineTimeFormat.GLOG, "I1207 10:00")).isEqualTo(TimeParsers.NONE);
        assertThat(parse(LineTimeFormat.ISO_8601, "")).isEqualTo(TimeParsers.NONE);
    }

    @Test
    void refusesLookalikesOfTheYearlessFormats() {
        assertThat(parse(LineTimeFormat.VLLM, "info 12-07 10:00:00 x")).isEqualTo(TimeParsers.NONE);
        assertThat(parse(LineTimeFormat.VLLM, "INFO 13-07 10:00:00 x")).isEqualTo(TimeParsers.NONE);
        assertThat(parse(LineTimeFormat.SYSLOG, "Foo  7 10:00:00 x")).isEqualTo(TimeParsers.NONE);
        assertThat(parse(LineTimeFormat.GLOG, "X1207 10:00:00.1 x")).isEqualTo(TimeParsers.NONE);
        assertThat(parse(LineTimeFormat.GLOG, "I1207 10:60:00 x")).isEqualTo(TimeParsers.NONE);
    }

    @Test
    void readsAFebruaryTwentyNinthWithoutAYearFromTheYearBeforeWhenThatWasALeapYear() {
        byte[] line = "INFO 02-29 10:00:00 x".getBytes(StandardCharsets.US_ASCII);
        TimeParsers afterALeapYear = new TimeParsers(ZoneOffset.UTC, Instant.parse("2025-03-01T00:00:00Z"));
        TimeParsers twoYearsAfter = new TimeParsers(ZoneOffset.UTC, Instant.parse("2026-03-01T00:00:00Z"));

        assertThat(afterALeapYear.vllm(line, 0, line.length)).isEqualTo(millis("2024-02-29T10:00:00Z"));
        assertThat(twoYearsAfter.vllm(line, 0, line.length)).isEqualTo(TimeParsers.NONE);
    }

    @Test
    void keepsOnlyMillisecondsOfALongFraction() {
        assertThat(parse(LineTimeFormat.ISO_8601, "2026-12-07T10:00:00.123456789Z x")).isEqualTo(millis("2026-12-07T10:00:00.123Z"));
    }

    @Test
    void ignoresADashAfterTheTimeThatIsNoOffset() {
        assertThat(parse(LineTimeFormat.ISO_8601, "2026-12-07 10:00:00 - INFO - x")).isEqualTo(millis("2026-12-07T10:00:00Z"));
        assertThat(parse(LineTimeFormat.ISO_8601, "2026-12-07 10:00:00-x")).isEqualTo(millis("2026-12-07T10:00:00Z"));
    }
}
