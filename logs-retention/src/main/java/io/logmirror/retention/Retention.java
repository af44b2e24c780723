package io.logmirror.retention;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogStore;
import io.logmirror.retention.internal.DefaultRetention;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * Keeps a mirror within its {@link RetentionPolicy}: plans from the store's index what to delete and what to
 * compress, and does it. Deletions go through {@link LogMirror#remove(LogEntry)}, so each is one
 * {@link io.logmirror.core.LogEvent.Removed} event, and a file a sync is writing is left alone; each is also one log
 * line. Compressions rewrite the stored file in place ({@link FileCompressor}).
 *
 * <pre>{@code
 * Retention retention = Retention.of(RetentionPolicy.fromSettings(System.getenv(), mirror.categories()), mirror);
 * RetentionPlan plan = retention.dryRun().plan();  // what would go, and why
 * RetentionReport report = retention.run();        // do it; retention.lastRun() keeps it for /status
 * }</pre>
 *
 * <p>Compression needs a store that reads compressed files back (with this module on the class path the store finds
 * its format through {@code io.logmirror.core.spi.StoredFormat}), restores a compressed file before it appends to it,
 * and takes the plain size from the format when it rebuilds its index. Until the store does the last two (see
 * docs/retention.md, "What the store must do"), run retention over a syncing mirror with a policy
 * {@link RetentionPolicy#withoutCompression() without compression}.
 *
 * <p>Thread-safe; one run at a time (a second caller waits for the first).
 */
public interface Retention {

    /** Removes one entry from the mirror: {@link LogMirror#remove(LogEntry)} in the service. */
    @FunctionalInterface
    interface Remover {
        /**
         * @return whether it was removed (false: a sync was writing it, or it was already gone)
         * @throws IOException when the disk refused
         */
        boolean remove(LogEntry entry) throws IOException;
    }

    /**
     * Retention over {@code mirror}: removals through it, compressions with the default options, staged in
     * {@code <data>/.logmirror/compress}.
     */
    static Retention of(RetentionPolicy policy, LogMirror mirror) {
        FileCompressor compressor = FileCompressor.seekableZstd(CompressionOptions.defaults(),
                mirror.store().dataDirectory().resolve(".logmirror").resolve("compress"));
        return of(policy, mirror.store(), mirror::remove, compressor, Clock.systemUTC());
    }

    /** Retention over any store, remover and compressor, on {@code clock} (tests pass a fixed one). */
    static Retention of(RetentionPolicy policy, LogStore store, Remover remover, FileCompressor compressor,
                        Clock clock) {
        return new DefaultRetention(policy, store, remover, compressor, clock);
    }

    /** The policy in force. */
    RetentionPolicy policy();

    /**
     * Plans from the store's index and the files' sizes on disk.
     *
     * @throws IOException when the data folder cannot be read
     */
    RetentionPlan plan() throws IOException;

    /** Plans and reports what a run would do; deletes and compresses nothing. */
    RetentionReport dryRun() throws IOException;

    /**
     * Plans and carries the plan out: deletions first, then compressions. One action's failure does not stop the
     * others; it is reported. The report is kept for {@link #lastRun()}.
     */
    RetentionReport run() throws IOException;

    /** The last run's report (not a dry run's); empty before the first. */
    Optional<RetentionReport> lastRun();
}
