package io.logmirror.patterns;

import io.logmirror.core.LogPath;
import io.logmirror.patterns.internal.DefaultLogAnalysis;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Error detection, patterns and job states over a stream of lines: the library behind
 * {@code GET /errors}, {@code GET /logs/patterns} and {@code GET /jobs}.
 *
 * <p>Feed it every line of every file, in order per file (files may interleave), as the line feed
 * delivers them. It keeps per file what a streaming reader needs: a Python traceback is gathered
 * into one event from {@code Traceback (most recent call last):} to its exception line even when its
 * lines come in separate calls (separate syncs), and even when other lines come between them (another
 * worker's prefixed traceback, a log record with a level). Each line is also learned by the
 * {@link PatternMiner}, counted per file, and every error event carries its pattern id.
 *
 * <p>Thread-safe: feeding and queries may come from different threads; calls are serialized, and
 * queries return copies.
 *
 * <pre>{@code
 * try (LogAnalysis analysis = LogAnalysis.open(AnalysisConfig.builder().dataFolder(dataFolder).build())) {
 *     LogPath path = LogPath.of("slurm-4711.out");
 *     analysis.acceptAll(LogLine.of(path, Files.readAllLines(file), Instant.now()));
 *     analysis.errors(ErrorQuery.all().path(path)).forEach(System.out::println);
 *     analysis.job("4711").ifPresent(r -> System.out.println(r.job().state()));
 * }   // close() saves the patterns
 * }</pre>
 */
public interface LogAnalysis extends AutoCloseable {

    /**
     * A new analysis. With a data folder, the patterns saved there are loaded; a damaged pattern file is
     * moved aside (renamed {@code patterns.tsv.damaged-<millis>}, never deleted) and mining starts afresh.
     *
     * @throws IOException when the data folder cannot be read
     */
    static LogAnalysis open(AnalysisConfig config) throws IOException {
        return DefaultLogAnalysis.open(config);
    }

    /** Analyses one line. Lines of one file must come in order; a line number at or below the last one is ignored. */
    void accept(LogLine line);

    /** Analyses lines in order. */
    default void acceptAll(Iterable<LogLine> lines) {
        for (LogLine line : lines) {
            accept(line);
        }
    }

    /**
     * The file was rewritten or truncated and will be fed again from its first line: its counts, events
     * and pending traceback are forgotten (patterns are kept).
     */
    void fileRewritten(LogPath path);

    /**
     * No more lines will come for a while (the file is gone, or the feed caught up and the writer is idle):
     * a pending traceback without its exception line is closed as an event now.
     */
    void endOfInput(LogPath path);

    /** Error and warning groups, the most frequent first. */
    List<ErrorGroup> errors(ErrorQuery query);

    /** Patterns of a file, a category or everything, newest first. */
    List<PatternCount> patterns(PatternQuery query);

    /** What is known of one file, if any line of it was fed. */
    Optional<FileSummary> file(LogPath path);

    /** Every job seen, the most recently active first. */
    List<Job> jobs();

    /** One job with its error groups. */
    Optional<JobReport> job(String id);

    /** The miner all lines go through. */
    PatternMiner miner();

    /** Saves the patterns to the data folder (temp file + atomic rename); nothing without a data folder. */
    void save() throws IOException;

    /** Saves the patterns. */
    @Override
    void close() throws IOException;
}
