package io.logmirror.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logmirror.core.LogPath;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLineTest {

    private static final LogPath PATH = LogPath.of("a.log");

    @Test
    void numbersLinesAndCountsUtf8ByteOffsets() {
        List<LogLine> lines = LogLine.of(PATH, List.of("ab", "é€", "\uD83D\uDE00", "z"), Instant.EPOCH);
        assertThat(lines).extracting(LogLine::lineNumber).containsExactly(1L, 2L, 3L, 4L);
        assertThat(lines).extracting(LogLine::offset).containsExactly(0L, 3L, 9L, 14L);
        assertThat(lines.get(3).location()).isEqualTo(new Location(PATH, 4, 14));
    }

    @Test
    void continuesALaterChunk() {
        assertThat(LogLine.numbered(PATH, List.of("x"), 40, 1000, Instant.EPOCH).get(0))
                .extracting(LogLine::lineNumber, LogLine::offset).containsExactly(40L, 1000L);
    }

    @Test
    void refusesANegativeOffsetAndALineNumberBelowOne() {
        assertThatThrownBy(() -> new LogLine(PATH, -1, 1, "x", Instant.EPOCH)).hasMessageContaining("offset")
                .hasMessageContaining("a.log");
        assertThatThrownBy(() -> new LogLine(PATH, 0, 0, "x", Instant.EPOCH)).hasMessageContaining("1-based");
    }
}
