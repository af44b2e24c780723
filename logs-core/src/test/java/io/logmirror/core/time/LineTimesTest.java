package io.logmirror.core.time;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineTimesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant FILE_TIME = Instant.parse("2026-12-07T12:00:00Z");

    private static LineTimes detect(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return LineTimes.detect(bytes, 0, bytes.length, PARIS, FILE_TIME);
    }

    /** Each line's {@link LineTimes#timeOf} result, as instants (null for none). */
    private static List<Instant> times(LineTimes times, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<Instant> result = new ArrayList<>();
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            result.add(LineTimes.toInstant(times.timeOf(bytes, start, end)).orElse(null));
            start = end + 1;
        }
        return result;
    }

    @Test
    void detectsPythonLoggingAndReadsItInTheServiceZone() {
        String text = "2026-12-07 10:00:00,123 INFO [engine] started\n2026-12-07 10:00:01,500 WARNING [engine] slow\n";
        LineTimes times = detect(text);

        assertThat(times.format()).isEqualTo(LineTimeFormat.ISO_8601);
        assertThat(times(times, text)).containsExactly(
                Instant.parse("2026-12-07T09:00:00.123Z"), Instant.parse("2026-12-07T09:00:01.500Z"));
    }

    @Test
    void readsIsoTimesWithAnOffsetAsAbsolute() {
        String text = "2026-12-07T10:00:00.5+02:00 a\n2026-12-07T10:00:00Z b\n2026-12-07T10:00:00-0130 c\n2026-12-07T10:00:00+05 d\n";
        assertThat(times(detect(text), text)).containsExactly(
                Instant.parse("2026-12-07T08:00:00.500Z"), Instant.parse("2026-12-07T10:00:00Z"),
                Instant.parse("2026-12-07T11:30:00Z"), Instant.parse("2026-12-07T05:00:00Z"));
    }

    @Test
    void readsTheBracketedForm() {
        String text = "[2026-12-07T10:00:00.123] step 1\n[2026-12-07 10:00:02] step 2\n";
        LineTimes times = detect(text);

        assertThat(times.format()).isEqualTo(LineTimeFormat.ISO_8601);
        assertThat(times(times, text)).containsExactly(
                Instant.parse("2026-12-07T09:00:00.123Z"), Instant.parse("2026-12-07T09:00:02Z"));
    }

    @Test
    void letsALineWithoutATimeInheritThePreviousLinesTime() {
        String text = "2026-12-07 10:00:00,000 ERROR boom\nTraceback (most recent call last):\n  File \"x.py\"\n"
                + "2026-12-07 10:00:05,000 INFO next\n";
        assertThat(times(detect(text), text)).containsExactly(
                Instant.parse("2026-12-07T09:00:00Z"), Instant.parse("2026-12-07T09:00:00Z"),
                Instant.parse("2026-12-07T09:00:00Z"), Instant.parse("2026-12-07T09:00:05Z"));
    }

    @Test
    void givesNoTimeToLinesBeforeTheFirstTimedLine() {
        String text = "SLURM_JOB_ID=7\n[2026-12-07 10:00:00] step\n";
        LineTimes times = detect(text);

        assertThat(times(times, text)).containsExactly(null, Instant.parse("2026-12-07T09:00:00Z"));
        assertThat(times.lastTime()).isEqualTo(Instant.parse("2026-12-07T09:00:00Z").toEpochMilli());
    }

    @Test
    void readsVllmTimesWithTheYearOfTheFile() {
        String text = "INFO 12-07 10:00:00 [api_server.py:500] started\nWARNING 12-07 10:00:03 [engine.py:1] slow\n";
        LineTimes times = detect(text);

        assertThat(times.format()).isEqualTo(LineTimeFormat.VLLM);
        assertThat(times(times, text)).containsExactly(
                Instant.parse("2026-12-07T09:00:00Z"), Instant.parse("2026-12-07T09:00:03Z"));
    }

    @Test
    void takesTheYearBeforeForAYearlessTimeThatWouldLieAfterTheFile() {
        String text = "Dec 31 23:00:00 host kernel: x\n";
        Instant january = Instant.parse("2027-01-01T06:00:00Z");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        LineTimes times = LineTimes.detect(bytes, 0, bytes.length, ZoneOffset.UTC, january);

        assertThat(times.format()).isEqualTo(LineTimeFormat.SYSLOG);
        assertThat(LineTimes.toInstant(times.parse(bytes, 0, bytes.length - 1))).contains(Instant.parse("2026-12-31T23:00:00Z"));
    }

    @Test
    void readsSyslogWithASpacePaddedOrZeroPaddedDay() {
        String text = "Dec  7 10:00:00 node01 sshd[1]: accepted\nDec 07 10:00:01 node01 sshd[1]: closed\n";
        LineTimes times = detect(text);

        assertThat(times.format()).isEqualTo(LineTimeFormat.SYSLOG);
        assertThat(times(times, text)).containsExactly(
                Instant.parse("2026-12-07T09:00:00Z"), Instant.parse("2026-12-07T09:00:01Z"));
    }

    @Test
    void readsGlogWithItsFraction() {
        String text = "I1207 10:00:00.123456 1234 main.cc:10] ready\nE1207 10:00:01.000001 1234 main.cc:11] failed\n";
        LineTimes times = detect(text);

        assertThat(times.format()).isEqualTo(LineTimeFormat.GLOG);
        assertThat(times(times, text)).containsExactly(
                Instant.parse("2026-12-07T09:00:00.123Z"), Instant.parse("2026-12-07T09:00:01Z"));
    }

    @Test
    void readsLogfmtTimeAndTsKeys() {
        String text = "ts=2026-12-07T10:00:00.000Z caller=main.go:1 level=info msg=\"ready\"\n"
                + "level=warn time=\"2026-12-07T10:00:02Z\" msg=x\n";
        LineTimes times = detect(text);

        assertThat(times.format()).isEqualTo(LineTimeFormat.LOGFMT);
        assertThat(times(times, text)).containsExactly(
                Instant.parse("2026-12-07T10:00:00Z"), Instant.parse("2026-12-07T10:00:02Z"));
    }

    @Test
    void readsEpochSecondsAndMillisecondsInJsonLines() {
        String text = "{\"level\":\"info\",\"time\": 1796637600.25,\"msg\":\"a\"}\n{\"time\":1796637601000,\"msg\":\"b\"}\n"
                + "{\"time\":\"2026-12-07T10:00:00Z\"}\n";
        LineTimes times = detect(text);

        assertThat(times.format()).isEqualTo(LineTimeFormat.JSON);
        assertThat(times(times, text)).containsExactly(Instant.ofEpochMilli(1_796_637_600_250L),
                Instant.ofEpochMilli(1_796_637_601_000L), Instant.parse("2026-12-07T10:00:00Z"));
    }

    @Test
    void picksTheJsonKeyMostLinesHave() {
        String text = "{\"ts\":1796637600,\"created\":\"x\"}\n{\"ts\":1796637601}\n";
        LineTimes times = detect(text);

        assertThat(times(times, text)).containsExactly(Instant.ofEpochSecond(1_796_637_600L), Instant.ofEpochSecond(1_796_637_601L));
    }

    @Test
    void picksTheFormatMostOfTheFirstLinesHave() {
        String text = "Dec  7 10:00:00 a\n2026-12-07 10:00:00 b\n2026-12-07 10:00:01 c\n";

        assertThat(detect(text).format()).isEqualTo(LineTimeFormat.ISO_8601);
    }

    @Test
    void reportsNoFormatForAFileWithoutTimes() {
        LineTimes times = detect("just notes\nmore notes\n");

        assertThat(times.format()).isEqualTo(LineTimeFormat.NONE);
        assertThat(times.hasTimes()).isFalse();
        assertThat(times(times, "just notes\n")).containsExactly((Instant) null);
    }

    @Test
    void refusesImpossibleDatesAndTimesInsteadOfInventingOne() {
        String text = "2026-02-30 10:00:00 a\n2026-12-07 25:00:00 b\n2026-13-01 10:00:00 c\n20x6-12-07 10:00:00 d\n";
        LineTimes times = LineTimes.of(LineTimeFormat.ISO_8601, PARIS, FILE_TIME);

        assertThat(times(times, text)).containsOnlyNulls();
    }

    @Test
    void doesNotReadATimeFromTheMiddleOfAnIsoLine() {
        LineTimes times = LineTimes.of(LineTimeFormat.ISO_8601, PARIS, FILE_TIME);

        assertThat(times(times, "user said 2026-12-07 10:00:00\n")).containsOnlyNulls();
    }

    @Test
    void readsOnlyTheGivenRangeOfTheBuffer() {
        byte[] bytes = "xx2026-12-07T10:00:00Z yy".getBytes(StandardCharsets.US_ASCII);
        LineTimes times = LineTimes.of(LineTimeFormat.ISO_8601, PARIS, FILE_TIME);

        assertThat(times.parse(bytes, 2, 22)).isEqualTo(Instant.parse("2026-12-07T10:00:00Z").toEpochMilli());
        assertThat(times.parse(bytes, 2, 20)).isEqualTo(LineTimes.NO_TIME);
    }

    @Test
    void detectsFromOnlyTheGivenRangeAndChecksIt() {
        byte[] bytes = "Dec  7 10:00:00 x\n2026-12-07 10:00:00 y\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(LineTimes.detect(bytes, 0, 17, PARIS, FILE_TIME).format()).isEqualTo(LineTimeFormat.SYSLOG);
        assertThatThrownBy(() -> LineTimes.detect(bytes, 10, bytes.length, PARIS, FILE_TIME))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void handlesADaylightSavingChangeWithinAFile() {
        String text = "2026-03-29 01:30:00 before\n2026-03-29 03:30:00 after\n";
        assertThat(times(detect(text), text)).containsExactly(
                Instant.parse("2026-03-29T00:30:00Z"), Instant.parse("2026-03-29T01:30:00Z"));
    }
}
