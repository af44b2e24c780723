package io.logmirror.patterns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import io.logmirror.patterns.ErrorEvent;
import io.logmirror.patterns.JobState;
import io.logmirror.patterns.Level;
import io.logmirror.patterns.Location;
import io.logmirror.patterns.PatternCount;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FileStateTest {

    private static final LogPath PATH = LogPath.of("slurm-4711.out");

    private static ErrorEvent event(long line, Level level, JobState state, Integer exit) {
        return new ErrorEvent("k", level, new Location(PATH, line, 0), line, "p", "m", List.of("m"), Instant.EPOCH,
                Optional.ofNullable(state), exit == null ? OptionalInt.empty() : OptionalInt.of(exit));
    }

    @Test
    void keepsLineNumbersUpToTheCapAndSaysWhenItStopped() {
        FileState file = new FileState(PATH, Category.SLURM, 200);
        for (long n = 1; n <= 5; n++) {
            file.line(n, Instant.EPOCH.plusSeconds(n), "p", "template", 3);
        }
        Map<String, PatternCount> counts = new LinkedHashMap<>();
        file.addPatternCounts(counts, true, id -> null);
        PatternCount p = counts.get("p");
        assertThat(p.count()).isEqualTo(5);
        assertThat(p.lineNumbers()).containsExactly(1L, 2L, 3L);
        assertThat(p.lineNumbersTruncated()).isTrue();
        assertThat(p.template()).isEqualTo("template");
        assertThat(p.lastSeen()).isEqualTo(Instant.EPOCH.plusSeconds(5));
    }

    @Test
    void keepsTheFirstErrorTheMostSpecificStateAndTheFirstExitCode() {
        FileState file = new FileState(PATH, Category.SLURM, 200);
        file.event(event(3, Level.WARNING, null, null));
        file.event(event(5, Level.ERROR, JobState.FAILED, 1));
        file.event(event(9, Level.ERROR, JobState.TIME_LIMIT, null));
        file.event(event(12, Level.ERROR, JobState.FAILED, 2));
        assertThat(file.firstError.location().lineNumber()).isEqualTo(5);
        assertThat(file.evidence.location().lineNumber()).isEqualTo(9);
        assertThat(file.exitCode).hasValue(1);
        assertThat(file.summary()).extracting(s -> s.errorCount(), s -> s.warningCount(), s -> s.jobId())
                .containsExactly(3L, 1L, Optional.of("4711"));
    }
}
