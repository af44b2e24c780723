package io.logmirror.patterns.internal;

import io.logmirror.core.LogPath;
import io.logmirror.patterns.AnalysisConfig;
import io.logmirror.patterns.ErrorEvent;
import io.logmirror.patterns.ErrorGroup;
import io.logmirror.patterns.ErrorQuery;
import io.logmirror.patterns.ErrorRules;
import io.logmirror.patterns.FileSummary;
import io.logmirror.patterns.Job;
import io.logmirror.patterns.JobReport;
import io.logmirror.patterns.JobState;
import io.logmirror.patterns.Level;
import io.logmirror.patterns.LogAnalysis;
import io.logmirror.patterns.LogLine;
import io.logmirror.patterns.PatternCount;
import io.logmirror.patterns.PatternMiner;
import io.logmirror.patterns.PatternQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The analysis: one lock around per-file state, the miner, the error book and the job index. */
public final class DefaultLogAnalysis implements LogAnalysis {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultLogAnalysis.class);

    private final AnalysisConfig config;
    private final DrainMiner miner;
    private final Signatures signatures;
    private final ErrorBook book;
    private final Map<LogPath, FileState> files = new HashMap<>();
    private final Map<String, Set<LogPath>> jobFiles = new HashMap<>();
    private final Function<String, String> templates;
    private final java.util.function.BiConsumer<FileState, TracebackTracker.Pending> closer = this::closed;

    private DefaultLogAnalysis(AnalysisConfig config, DrainMiner miner) {
        this.config = config;
        this.miner = miner;
        this.signatures = new Signatures(config.rules());
        this.book = new ErrorBook(config.samplesPerGroup());
        this.templates = id -> miner.template(id).orElse(null);
    }

    public static LogAnalysis open(AnalysisConfig config) throws IOException {
        DrainMiner miner;
        if (config.dataFolder().isPresent()) {
            Path file = config.dataFolder().get().resolve(AnalysisConfig.PATTERNS_FILE);
            try {
                miner = DrainMiner.load(file, config.miner());
            } catch (IOException e) {
                if (!Files.isRegularFile(file)) {
                    throw e;
                }
                Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + System.currentTimeMillis());
                Files.move(file, aside);
                LOG.warn("{}; moved it to {} and started with no patterns", e.getMessage(), aside);
                miner = new DrainMiner(config.miner());
            }
        } else {
            miner = new DrainMiner(config.miner());
        }
        return new DefaultLogAnalysis(config, miner);
    }

    @Override
    public synchronized void accept(LogLine line) {
        FileState file = files.get(line.path());
        if (file == null) {
            file = new FileState(line.path(), config.categoryOf().apply(line.path()),
                    config.rules().tracebackMaxLines());
            files.put(line.path(), file);
            FileState f = file;
            file.jobId.ifPresent(id -> jobFiles.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(f.path));
        }
        if (line.lineNumber() <= file.lastLineNumber) {
            return;
        }
        String text = line.text();
        DrainMiner.Learned cluster = miner.learnLine(text);
        file.line(line.lineNumber(), line.time(), cluster.id(), cluster.template(), config.lineNumbersPerPattern());
        if (config.rules().tracebacks() && file.tracebacks.offer(line, cluster.id(), file.sink(closer))) {
            return;
        }
        Level level = LevelScanner.detect(text);
        Signatures.Match match = signatures.match(text);
        if (match != null) {
            Level eventLevel = level != null && level.compareTo(match.rule().level()) > 0 ? level : match.rule().level();
            emit(file, new ErrorEvent(match.rule().name(), eventLevel, line.location(), line.lineNumber(), cluster.id(),
                    text, List.of(text), line.time(), match.rule().job(), match.exitCode()));
        } else if (level != null && level.compareTo(Level.WARNING) >= 0) {
            emit(file, new ErrorEvent(ErrorRules.LEVEL_ONLY, level, line.location(), line.lineNumber(), cluster.id(),
                    text, List.of(text), line.time(), Optional.empty(), OptionalInt.empty()));
        }
    }

    private void closed(FileState file, TracebackTracker.Pending tb) {
        List<String> lines = new ArrayList<>(tb.lines);
        while (lines.size() > 1 && lines.get(lines.size() - 1).substring(Math.max(0, tb.header)).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        long end = tb.start.lineNumber() + Math.max(0, tb.lastLineNumber - tb.start.lineNumber());
        if (tb.complete()) {
            Signatures.Match match = signatures.match(tb.exceptionBody);
            String kind = match == null ? ErrorRules.PYTHON_TRACEBACK : match.rule().name();
            Level level = match == null || match.rule().level().compareTo(Level.ERROR) < 0 ? Level.ERROR
                    : match.rule().level();
            emit(file, new ErrorEvent(kind, level, tb.start.location(), end, tb.exceptionPatternId, tb.exceptionBody,
                    lines, tb.start.time(), match == null ? Optional.empty() : match.rule().job(),
                    match == null ? OptionalInt.empty() : match.exitCode()));
        } else {
            String last = lines.get(lines.size() - 1);
            emit(file, new ErrorEvent(ErrorRules.PYTHON_TRACEBACK, Level.ERROR, tb.start.location(), end,
                    tb.startPatternId, last.substring(Math.min(last.length(), Math.max(0, tb.header))).strip(), lines,
                    tb.start.time(), Optional.empty(), OptionalInt.empty()));
        }
    }

    private void emit(FileState file, ErrorEvent event) {
        file.event(event);
        book.add(event, file.category);
        config.listener().ifPresent(listener -> {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("the error event listener failed on {} line {}: {}", event.location().path(),
                        event.location().lineNumber(), e.toString(), e);
            }
        });
    }

    @Override
    public synchronized void fileRewritten(LogPath path) {
        FileState file = files.remove(path);
        if (file != null) {
            book.forget(path);
        }
    }

    @Override
    public synchronized void endOfInput(LogPath path) {
        FileState file = files.get(path);
        if (file != null) {
            file.tracebacks.closeAll(tb -> closed(file, tb));
        }
    }

    private void closeFinished() {
        for (FileState file : files.values()) {
            if (!file.tracebacks.isEmpty()) {
                file.tracebacks.closeFinished(tb -> closed(file, tb));
            }
        }
    }

    @Override
    public synchronized List<ErrorGroup> errors(ErrorQuery query) {
        closeFinished();
        Set<LogPath> only = query.jobId().map(id -> jobFiles.getOrDefault(id, Set.of())).orElse(null);
        return book.query(query, only, templates);
    }

    @Override
    public synchronized List<PatternCount> patterns(PatternQuery query) {
        Map<String, PatternCount> merged = new LinkedHashMap<>();
        if (query.path().isPresent()) {
            FileState file = files.get(query.path().get());
            if (file != null) {
                file.addPatternCounts(merged, query.lineNumbers(), templates);
            }
        } else {
            for (FileState file : files.values()) {
                if (query.category().isEmpty() || query.category().get().equals(file.category)) {
                    file.addPatternCounts(merged, false, templates);
                }
            }
        }
        List<PatternCount> out = new ArrayList<>(merged.values());
        out.sort(Comparator.comparing(PatternCount::lastSeen, Comparator.reverseOrder())
                .thenComparing(PatternCount::count, Comparator.reverseOrder()).thenComparing(PatternCount::patternId));
        return out.size() > query.limit() ? new ArrayList<>(out.subList(0, query.limit())) : out;
    }

    @Override
    public synchronized Optional<FileSummary> file(LogPath path) {
        closeFinished();
        return Optional.ofNullable(files.get(path)).map(FileState::summary);
    }

    @Override
    public synchronized List<Job> jobs() {
        closeFinished();
        List<Job> out = new ArrayList<>();
        for (String id : jobFiles.keySet()) {
            job(id, jobFiles.get(id)).ifPresent(out::add);
        }
        out.sort(Comparator.comparing(Job::lastSeen, Comparator.reverseOrder()).thenComparing(Job::id));
        return out;
    }

    @Override
    public synchronized Optional<JobReport> job(String id) {
        closeFinished();
        Set<LogPath> paths = jobFiles.get(id);
        if (paths == null) {
            return Optional.empty();
        }
        return job(id, paths).map(job -> new JobReport(job,
                book.query(ErrorQuery.all().limit(100_000), paths, templates)));
    }

    private Optional<Job> job(String id, Set<LogPath> paths) {
        List<LogPath> present = new ArrayList<>();
        Instant first = null;
        Instant last = null;
        long errors = 0;
        long warnings = 0;
        ErrorEvent firstError = null;
        ErrorEvent evidence = null;
        OptionalInt exit = OptionalInt.empty();
        for (LogPath path : paths) {
            FileState f = files.get(path);
            if (f == null || f.first == null) {
                continue;
            }
            present.add(path);
            first = first == null || f.first.isBefore(first) ? f.first : first;
            last = last == null || f.last.isAfter(last) ? f.last : last;
            errors += f.errors;
            warnings += f.warnings;
            if (f.firstError != null && (firstError == null || f.firstError.time().isBefore(firstError.time()))) {
                firstError = f.firstError;
            }
            if (f.evidence != null && (evidence == null
                    || f.evidence.job().get().rank() > evidence.job().get().rank())) {
                evidence = f.evidence;
            }
            if (exit.isEmpty()) {
                exit = f.exitCode;
            }
        }
        if (present.isEmpty()) {
            return Optional.empty();
        }
        JobState state;
        if (evidence != null) {
            state = evidence.job().get();
        } else if (last.plus(config.idleAfter()).isAfter(config.clock().instant())) {
            state = JobState.RUNNING;
        } else if (errors > 0 || exit.isPresent() && exit.getAsInt() != 0) {
            state = JobState.FAILED;
        } else {
            state = JobState.COMPLETED;
        }
        return Optional.of(new Job(id, state, exit, present, first, last, errors, warnings, Optional.ofNullable(firstError),
                Optional.ofNullable(evidence)));
    }

    @Override
    public PatternMiner miner() {
        return miner;
    }

    @Override
    public void save() throws IOException {
        if (config.dataFolder().isPresent()) {
            miner.save(config.dataFolder().get().resolve(AnalysisConfig.PATTERNS_FILE));
        }
    }

    @Override
    public void close() throws IOException {
        save();
    }
}
