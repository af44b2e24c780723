package io.logmirror.app.http;

import io.logmirror.app.http.wire.FailedFileBody;
import io.logmirror.core.SkippedEntry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** How the failed files of a sync are shown: the first ones by path, capped, and the trigger's message. */
class SyncFailuresTest {

    private static SkippedEntry failure(String name) {
        return new SkippedEntry(name, "could not be synced (No space left on device) for " + name);
    }

    @Test
    void showsTheFirstTwentyOfAHundredThousandFailuresByPath() {
        List<SkippedEntry> failures = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            failures.add(failure(String.format("job-%06d/slurm.out", i)));
        }
        Collections.shuffle(failures, new Random(7));

        List<FailedFileBody> shown = SyncFailures.shown(failures);

        assertThat(shown).hasSize(SyncFailures.SHOWN).hasSize(20);
        assertThat(shown).extracting(FailedFileBody::path).containsExactly(
                java.util.stream.IntStream.range(0, 20).mapToObj(i -> String.format("logs/job-%06d/slurm.out", i))
                        .toArray(String[]::new));
        assertThat(shown.get(0).reason()).isEqualTo("could not be synced (No space left on device) for job-000000/slurm.out");
    }

    @Test
    void showsEveryFailureSortedByPathWhenThereAreFewAndNoneWhenThereAreNone() {
        List<FailedFileBody> shown = SyncFailures.shown(List.of(failure("b.log"), failure("a/z.log"), failure("a.log")));

        assertThat(shown).extracting(FailedFileBody::path).containsExactly("logs/a.log", "logs/a/z.log", "logs/b.log");
        assertThat(SyncFailures.shown(List.of())).isEmpty();
    }

    @Test
    void theMessageIsTheOriginalsWhenEveryFileSyncedAndCountsTheFailedOnesOtherwise() {
        assertThat(SyncFailures.message(0)).isEqualTo("Log sync completed");
        assertThat(SyncFailures.message(1)).isEqualTo("Log sync completed; 1 file could not be synced (see failures)");
        assertThat(SyncFailures.message(100_000))
                .isEqualTo("Log sync completed; 100000 files could not be synced (see failures)");
    }
}
