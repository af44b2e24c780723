package io.logmirror.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SyncReportTest {

    private static SyncReport report(int added, int grown, int replaced, int gone) {
        return new SyncReport(Instant.EPOCH, Duration.ZERO, 10, added, grown, replaced, gone, 0,
                List.of(new SkippedEntry("x", "special file")), List.of());
    }

    @Test
    void changedAnythingOnlyWhenAFileWasAddedGrownReplacedOrMarkedGone() {
        assertThat(report(0, 0, 0, 0).changedAnything()).isFalse();
        assertThat(report(1, 0, 0, 0).changedAnything()).isTrue();
        assertThat(report(0, 1, 0, 0).changedAnything()).isTrue();
        assertThat(report(0, 0, 1, 0).changedAnything()).isTrue();
        assertThat(report(0, 0, 0, 1).changedAnything()).isTrue();
    }

    @Test
    void skippedEntriesAloneAreNotAChange() {
        assertThat(report(0, 0, 0, 0).skipped()).hasSize(1);
        assertThat(report(0, 0, 0, 0).changedAnything()).isFalse();
    }
}
