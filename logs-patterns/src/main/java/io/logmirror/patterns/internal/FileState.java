package io.logmirror.patterns.internal;

import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import io.logmirror.patterns.ErrorEvent;
import io.logmirror.patterns.FileSummary;
import io.logmirror.patterns.JobState;
import io.logmirror.patterns.PatternCount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/** What the analysis keeps per file: position, counts, pattern statistics, pending tracebacks, job evidence. */
final class FileState {

    static final class PatternStat {
        long count;
        String template;
        Instant first;
        Instant last;
        long[] lines = new long[0];
        int nLines;
        boolean truncated;
    }

    final LogPath path;
    final Category category;
    final Optional<String> jobId;
    final TracebackTracker tracebacks;
    long lastLineNumber;
    long lines;
    long errors;
    long warnings;
    Instant first;
    Instant last;
    ErrorEvent firstError;
    ErrorEvent evidence;
    OptionalInt exitCode = OptionalInt.empty();
    final Map<String, PatternStat> patterns = new HashMap<>();
    private TracebackTracker.Sink sink;

    FileState(LogPath path, Category category, int tracebackMaxLines) {
        this.path = path;
        this.category = category;
        this.jobId = io.logmirror.patterns.JobIds.fromPath(path);
        this.tracebacks = new TracebackTracker(tracebackMaxLines);
    }

    /** The sink that closes this file's tracebacks, made once (the feed calls it per line). */
    TracebackTracker.Sink sink(java.util.function.BiConsumer<FileState, TracebackTracker.Pending> closer) {
        if (sink == null) {
            sink = tb -> closer.accept(this, tb);
        }
        return sink;
    }

    void line(long lineNumber, Instant time, String patternId, String template, int lineNumberCap) {
        lastLineNumber = lineNumber;
        lines++;
        if (first == null) {
            first = time;
        }
        last = time;
        PatternStat stat = patterns.get(patternId);
        if (stat == null) {
            stat = new PatternStat();
            stat.first = time;
            patterns.put(patternId, stat);
        }
        stat.count++;
        stat.last = time;
        stat.template = template;
        if (stat.nLines < lineNumberCap) {
            if (stat.nLines == stat.lines.length) {
                stat.lines = Arrays.copyOf(stat.lines, Math.min(lineNumberCap, Math.max(4, stat.nLines * 2)));
            }
            stat.lines[stat.nLines++] = lineNumber;
        } else {
            stat.truncated = true;
        }
    }

    void event(ErrorEvent event) {
        if (event.level().isError()) {
            errors++;
            if (firstError == null) {
                firstError = event;
            }
        } else if (event.level().isWarning()) {
            warnings++;
        }
        if (event.job().isPresent()) {
            JobState state = event.job().get();
            if (evidence == null || state.rank() > evidence.job().get().rank()) {
                evidence = event;
            }
        }
        if (exitCode.isEmpty() && event.exitCode().isPresent()) {
            exitCode = event.exitCode();
        }
    }

    FileSummary summary() {
        return new FileSummary(path, category, lines, errors, warnings, patterns.size(), jobId);
    }

    void addPatternCounts(Map<String, PatternCount> into, boolean withLines, Function<String, String> templates) {
        for (Map.Entry<String, PatternStat> e : patterns.entrySet()) {
            PatternStat s = e.getValue();
            PatternCount old = into.get(e.getKey());
            List<Long> numbers = new ArrayList<>();
            if (withLines) {
                for (int i = 0; i < s.nLines; i++) {
                    numbers.add(s.lines[i]);
                }
            }
            if (old == null) {
                String template = templates.apply(e.getKey());
                into.put(e.getKey(), new PatternCount(e.getKey(), template == null ? s.template : template,
                        s.count, s.first, s.last, numbers, withLines && s.truncated));
            } else {
                into.put(e.getKey(), new PatternCount(e.getKey(), old.template(), old.count() + s.count,
                        s.first.isBefore(old.firstSeen()) ? s.first : old.firstSeen(),
                        s.last.isAfter(old.lastSeen()) ? s.last : old.lastSeen(), List.of(), false));
            }
        }
    }
}
