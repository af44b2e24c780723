package io.logmirror.app.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class TimesTest {

    /**
     * Expected values printed by the original's own call, with TZ=UTC (Python 3.11):
     * {@code datetime.fromtimestamp(sec + ns * 1e-9).isoformat()}, which is what its os.stat st_mtime gave.
     */
    @ParameterizedTest(name = "{0} s + {1} ns -> {2}")
    @CsvSource({
            "1764097000, 123456789, 2025-11-25T18:56:40.123457",
            "1764096900, 999999600, 2025-11-25T18:55:01",
            "1764096900, 400,       2025-11-25T18:55:00",
            "1764096900, 250000000, 2025-11-25T18:55:00.250000",
            "1764096900, 0,         2025-11-25T18:55:00",
            "1764096900, 1500,      2025-11-25T18:55:00.000001",
            "1764096900, 2500,      2025-11-25T18:55:00.000002",
            "-2,         750000000, 1969-12-31T23:59:58.750000",
            "-1,         999999999, 1970-01-01T00:00:00",
    })
    void writesNanosecondTimesExactlyAsPythonsFromtimestampOfStMtimeDid(long seconds, int nanos, String expected) {
        assertThat(Times.iso(Instant.ofEpochSecond(seconds, nanos), ZoneOffset.UTC)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2025-11-25T18:56:40.123456789Z, 2025-11-25T19:56:40.123457",
            "2025-07-01T10:00:00Z,           2025-07-01T12:00:00",
    })
    void writesTheLocalTimeOfTheZoneWithoutAnOffset(String instant, String expected) {
        assertThat(Times.iso(Instant.parse(instant), ZoneId.of("Europe/Luxembourg"))).isEqualTo(expected);
    }
}
