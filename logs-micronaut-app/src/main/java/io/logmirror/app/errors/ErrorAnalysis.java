package io.logmirror.app.errors;

import io.logmirror.app.config.AppSettings;
import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogMirror;
import io.logmirror.core.feed.FeedSubscription;
import io.logmirror.core.feed.ResyncRequiredException;
import io.logmirror.patterns.AnalysisConfig;
import io.logmirror.patterns.LogAnalysis;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The service's {@link LogAnalysis}: errors, patterns and job states of every mirrored file, behind {@code /errors},
 * {@code /logs/patterns}, {@code /jobs} and the {@code error_count} of {@code /logs}.
 *
 * <p>Patterns are kept in {@code DATA_DIR/patterns/patterns.tsv} (loaded at start, saved at shutdown). The per-file
 * counts, events and jobs are not saved: at start-up a background thread reads every file already in the mirror
 * from the store (start-up does not wait for it; {@link #ready()} says when it is done), then follows the line feed
 * from the change that was the latest when it began. Lines the scan already fed come again in that replay and are
 * ignored by line number, so nothing is counted twice. A subscriber that falls behind the feed reads the files again
 * from the store, from the last line it fed of each.
 *
 * <p>Thread-safe: the analysis serializes its calls.
 */
@Singleton
public class ErrorAnalysis {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorAnalysis.class);
    /** The folder under {@code DATA_DIR} holding the saved patterns. */
    public static final String FOLDER = "patterns";

    private final LogMirror mirror;
    private final LogAnalysis analysis;
    private final FileFeeder feeder;
    private final Path folder;
    private volatile boolean ready;
    private volatile boolean closed;
    private volatile Thread startup;
    private volatile FeedSubscription subscription;

    public ErrorAnalysis(LogMirror mirror, AppSettings settings) {
        this.mirror = mirror;
        this.folder = settings.dataDir().resolve(FOLDER);
        try {
            this.analysis = LogAnalysis.open(AnalysisConfig.builder()
                    .dataFolder(folder)
                    .categoryOf(path -> mirror.store().find(path).map(LogEntry::category).orElse(Category.UNCATEGORIZED))
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the error analysis's folder " + folder + " (under DATA_DIR): "
                    + e.getMessage() + "; check that this user may write there", e);
        }
        this.feeder = new FileFeeder(mirror.store(), analysis, ZoneId.systemDefault(), Clock.systemUTC());
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        start();
    }

    /** Starts the background scan of the files already mirrored, then the line feed. Idempotent. */
    synchronized void start() {
        if (startup != null || closed) {
            return;
        }
        Thread thread = new Thread(this::catchUpThenFollow, "error-analysis-startup");
        thread.setDaemon(true);
        startup = thread;
        thread.start();
    }

    private void catchUpThenFollow() {
        long started = System.nanoTime();
        int files = 0;
        for (int attempt = 1; !closed; attempt++) {
            long latest = mirror.changes().latestSequence();
            files += feeder.scanAll(() -> closed);
            try {
                FeedSubscription sub = mirror.lines().subscribe(latest + 1, feeder);
                synchronized (this) {
                    if (closed) {
                        sub.close();
                        return;
                    }
                    subscription = sub;
                }
                break;
            } catch (ResyncRequiredException e) {
                // The journal moved past where the scan began (a long scan of a busy mirror): scan the growth again.
                LOG.info("error analysis: {} (attempt {}); reading the files again", e.getMessage(), attempt);
            }
        }
        ready = true;
        LOG.info("error analysis: {} files read from the store in {} ms; following the line feed", files,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The analysis the endpoints query. */
    public LogAnalysis analysis() {
        return analysis;
    }

    /** Whether the files mirrored before start-up have all been read (until then counts may be short). */
    public boolean ready() {
        return ready;
    }

    /** Where the patterns are saved. */
    public Path folder() {
        return folder;
    }

    /** Stops following the feed and saves the patterns. */
    @PreDestroy
    public void close() {
        Thread thread;
        FeedSubscription sub;
        synchronized (this) {
            closed = true;
            feeder.stop();
            thread = startup;
            sub = subscription;
        }
        if (sub != null) {
            sub.close();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            analysis.close();
        } catch (IOException e) {
            LOG.warn("error analysis: cannot save the patterns in {}: {}", folder, e.getMessage());
        }
    }

}
