package io.logmirror.app.http;

import io.logmirror.app.http.wire.ErrorGroupBody;
import io.logmirror.app.http.wire.FirstErrorBody;
import io.logmirror.app.http.wire.JobBody;
import io.logmirror.app.http.wire.JobDetailBody;
import io.logmirror.app.http.wire.JobFileBody;
import io.logmirror.app.http.wire.PatternBody;
import io.logmirror.app.http.wire.SampleBody;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogStore;
import io.logmirror.patterns.ErrorEvent;
import io.logmirror.patterns.ErrorGroup;
import io.logmirror.patterns.FileSummary;
import io.logmirror.patterns.Job;
import io.logmirror.patterns.JobReport;
import io.logmirror.patterns.LogAnalysis;
import io.logmirror.patterns.PatternCount;

/** Turns the analysis's values into the wire records, with paths in the form {@code /logs/content} reads. */
final class AnalysisBodies {

    private final LogStore store;
    private final LogAnalysis analysis;

    AnalysisBodies(LogStore store, LogAnalysis analysis) {
        this.store = store;
        this.analysis = analysis;
    }

    /** {@code categorized/<category>/<path>} while the mirror has the file, else {@code logs/<path>}. */
    String contentPath(LogPath path) {
        return store.find(path).map(LogLocator::categorizedPath).orElseGet(() -> LogLocator.logsPath(path.toString()));
    }

    ErrorGroupBody group(ErrorGroup group) {
        return new ErrorGroupBody(group.template(), group.level().wireName(), group.count(), Times.iso(group.firstSeen()),
                Times.iso(group.lastSeen()), group.files().stream().map(this::contentPath).toList(),
                group.samples().stream().map(s -> new SampleBody(contentPath(s.path()), s.lineNumber(), s.offset())).toList(),
                group.patternId(), group.kind(), group.example());
    }

    PatternBody pattern(PatternCount pattern, boolean withLines) {
        return new PatternBody(pattern.patternId(), pattern.template(), pattern.count(), Times.iso(pattern.firstSeen()),
                Times.iso(pattern.lastSeen()), withLines ? pattern.lineNumbers() : null, pattern.lineNumbersTruncated());
    }

    FirstErrorBody event(ErrorEvent event) {
        return new FirstErrorBody(contentPath(event.location().path()), event.location().lineNumber(),
                event.location().offset(), event.message(), event.kind(), event.level().wireName(), Times.iso(event.time()));
    }

    JobBody job(Job job) {
        return new JobBody(job.id(), job.state().wireName(), exitCode(job), job.files().size(), Times.iso(job.lastSeen()),
                job.firstError().map(this::event).orElse(null), Times.iso(job.firstSeen()), job.errorCount(),
                job.warningCount());
    }

    JobDetailBody report(JobReport report, boolean complete) {
        Job job = report.job();
        return new JobDetailBody(job.id(), job.state().wireName(), exitCode(job),
                job.files().stream().map(this::file).toList(), job.firstError().map(this::event).orElse(null),
                report.errors().stream().map(this::group).toList(), Times.iso(job.firstSeen()), Times.iso(job.lastSeen()),
                job.errorCount(), job.warningCount(), job.stateEvidence().map(this::event).orElse(null), complete);
    }

    private JobFileBody file(LogPath path) {
        FileSummary summary = analysis.file(path).orElse(null);
        return new JobFileBody(contentPath(path), summary == null ? 0 : summary.errorCount(),
                summary == null ? 0 : summary.warningCount());
    }

    private static Integer exitCode(Job job) {
        return job.exitCode().isPresent() ? job.exitCode().getAsInt() : null;
    }
}
