package io.logmirror.retention;

import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.retention.PlannedAction.Kind;
import io.logmirror.retention.RetentionReport.Outcome;
import io.logmirror.retention.RetentionReport.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionReportTest {

    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void countsWhatWasDoneByKindAndTheBytesFreed() {
        PlannedAction delete = action("a.log", Kind.DELETE, 1000);
        PlannedAction skipped = action("b.log", Kind.DELETE, 500);
        PlannedAction compress = action("c.log", Kind.COMPRESS, 9000);
        PlannedAction failed = action("d.log", Kind.COMPRESS, 9000);
        RetentionPlan plan = new RetentionPlan(AT, List.of(delete, skipped, compress, failed), List.of(), 20_000, 4);
        RetentionReport report = new RetentionReport(AT, Duration.ofMillis(5), false, plan, List.of(
                new Outcome(delete, Status.DONE, "", 1000),
                new Outcome(skipped, Status.SKIPPED, "a sync was writing it, or it was already gone", 0),
                new Outcome(compress, Status.DONE, "", 8000),
                new Outcome(failed, Status.FAILED, "No space left on device", 0)));
        assertThat(report.deleted()).isEqualTo(1);
        assertThat(report.compressed()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.bytesFreed()).isEqualTo(9000);
    }

    @Test
    void aPlanListsItsDeletionsAndCompressionsApart() {
        PlannedAction delete = action("a.log", Kind.DELETE, 1000);
        PlannedAction compress = action("c.log", Kind.COMPRESS, 9000);
        RetentionPlan plan = new RetentionPlan(AT, List.of(delete, compress), List.of("a note"), 10_000, 2);
        assertThat(plan.deletions()).containsExactly(delete);
        assertThat(plan.compressions()).containsExactly(compress);
        assertThat(plan.bytesToDelete()).isEqualTo(1000);
        assertThat(plan.notes()).containsExactly("a note");
    }

    private static PlannedAction action(String path, Kind kind, long bytes) {
        return new PlannedAction(new LogEntry(LogPath.of(path), Category.VLLM, bytes, AT, true, 0), kind, "why", bytes);
    }
}
