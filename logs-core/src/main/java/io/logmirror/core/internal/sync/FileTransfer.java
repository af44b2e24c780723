package io.logmirror.core.internal.sync;

import io.logmirror.core.Categorizer;
import io.logmirror.core.Category;
import io.logmirror.core.FetchedRange;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.core.RangeRequest;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.internal.store.Copy;
import io.logmirror.core.internal.store.CurrentFiles;
import io.logmirror.core.internal.store.FsLogStore;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file's transfer, as a state machine driven by the answers of batched fetches: each answer either finishes the
 * file (committed through the store's writer, or failed) or asks for one more range, fetched in the next round.
 *
 * <pre>
 * APPEND  [old end - window, new end + 1)  window equal: append; else WHOLE
 * WHOLE   [partial - window, end + 1)      resumes a verified staged partial; else from 0
 * CHECK   [start, start + window)          after a read that ended early, or got the byte past the end: the bytes
 *                                          before the old end (append) or the head (whole) read again; if they
 *                                          differ, the append is cut back / the partial dropped
 * </pre>
 *
 * <p>Every request asks for one byte past the listed end: getting it means the file changed while it was read. When
 * the source says the file is shorter at read time than listed, the read-time size and time are the target (a file
 * shorter than the mirror's copy was rewritten: fetched whole). Not thread-safe: one range of a file is in flight at
 * a time.
 */
final class FileTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(FileTransfer.class);

    /** What to do next: fetch one more range, or nothing (the file is finished). */
    sealed interface Step {
        record Fetch(RangeRequest request) implements Step { }

        record Done(TransferRun.Outcome outcome) implements Step { }
    }

    private enum Phase { APPEND, WHOLE, CHECK_APPEND, CHECK_WHOLE }

    private final FsLogStore store;
    private final Categorizer categorizer;
    private final int window;
    private final TransferRun run;
    private final LogPath path;
    private final Optional<LogEntry> local;
    private RemoteFile target;
    private Phase phase;
    // WHOLE
    private long from;
    private int resumeWindow;
    // CHECK_*
    private byte[] expected;
    private Optional<IOException> readFailure = Optional.empty();
    private boolean complete;
    private long sizeOnDisk;

    FileTransfer(FsLogStore store, Categorizer categorizer, int window, TransferRun run, SyncPlan.Transfer work) {
        this.store = store;
        this.categorizer = categorizer;
        this.window = window;
        this.run = run;
        this.path = work.file().path();
        this.local = work.local();
        this.target = work.file();
    }

    LogPath path() {
        return path;
    }

    io.logmirror.core.internal.store.MirrorWriter writer() {
        return store.writer();
    }

    /** The first step: the plan's range for this file, or done when the file cannot be transferred now. */
    Step start() {
        try {
            Optional<LogEntry> now = store.find(path);
            if (now.isPresent() != local.isPresent() || (now.isPresent() && (now.get().size() != local.get().size()
                    || !now.get().modified().equals(local.get().modified())))) {
                // Changed since the plan (removed, say): leave it to the next sync.
                return new Step.Done(TransferRun.Outcome.UNCHANGED);
            }
            if (local.isEmpty() || !store.currentFiles().exists(path)) {
                // New, or a local copy deleted by hand: fetched as a new file, once nothing kept stands in its way.
                Optional<String> obstacle = store.currentFiles().obstacle(path);
                if (obstacle.isPresent()) {
                    return fail(new IOException(obstacle.get()));
                }
                return whole();
            }
            if (target.size() > local.get().size()) {
                phase = Phase.APPEND;
                long start = local.get().size() - Math.min(window, local.get().size());
                return fetch(start, target.size() - start + 1);
            }
            return whole();
        } catch (IOException | RuntimeException e) {
            return fail(e);
        }
    }

    /** The answer to this file's pending request. */
    Step onRange(FetchedRange range) {
        try {
            return switch (phase) {
                case APPEND -> appendArrived(range);
                case WHOLE -> wholeArrived(range);
                case CHECK_APPEND -> checked(range, true);
                case CHECK_WHOLE -> checked(range, false);
            };
        } catch (IOException | RuntimeException e) {
            return fail(e);
        }
    }

    /** This file's pending request failed. */
    Step onFailure(IOException cause) {
        try {
            return switch (phase) {
                // A failed check is no proof of a rewrite: a connection that drops is far more common. Keep what arrived.
                case CHECK_APPEND -> finishAppend();
                case CHECK_WHOLE -> finishWhole();
                default -> fail(cause);
            };
        } catch (IOException | RuntimeException e) {
            return fail(e);
        }
    }

    // ---------------------------------------------------------------- append

    private Step appendArrived(FetchedRange range) throws IOException {
        long oldSize = local.orElseThrow().size();
        if (range.sizeAtRead() < target.size()) {
            target = new RemoteFile(path, range.sizeAtRead(), range.modifiedAtRead(), target.sourceName());
            if (target.size() < oldSize) {
                LOG.debug("{} is shorter than its mirror copy at read time: rewritten; fetching it whole", path);
                return whole();
            }
        }
        int w = (int) Math.min(window, oldSize);
        long start = oldSize - w;
        InputStream in = range.bytes();
        if (w > 0) {
            byte[] remoteWindow = in.readNBytes(w);
            run.fetched(remoteWindow.length);
            if (!Arrays.equals(remoteWindow, store.currentFiles().read(path, start, w))) {
                LOG.debug("{} was rewritten: the bytes before its old end changed; fetching it whole", path);
                return whole();
            }
            expected = remoteWindow;
        }
        long wanted = target.size() - oldSize;
        CurrentFiles.Append append = store.currentFiles().append(path, oldSize, in, wanted, run::fetched);
        if (append instanceof CurrentFiles.Append.LocalCopyChanged changed) {
            LOG.warn("{}; fetching it whole, the changed copy is kept as a generation", changed.message());
            return whole();
        }
        CurrentFiles.Append.Written written = (CurrentFiles.Append.Written) append;
        Copy copy = written.copy();
        sizeOnDisk = written.sizeOnDisk();
        readFailure = copy.failure();
        complete = copy.bytes() == wanted;
        boolean changedWhileRead = complete && probePastEnd(in);
        if (copy.bytes() > 0 && w > 0 && !copy.cancelled() && (!complete || changedWhileRead)) {
            // The bytes just appended may come from another version of the file (a job re-run rewriting its log).
            phase = Phase.CHECK_APPEND;
            return fetch(start, w);
        }
        return finishAppend();
    }

    private Step finishAppend() throws IOException {
        long oldSize = local.orElseThrow().size();
        if (!complete) {
            if (sizeOnDisk > oldSize) {
                // A valid prefix is on disk: commit and announce the bytes that did arrive; the time stays, so the
                // next sync resumes.
                store.writer().commitAppend(path, oldSize, sizeOnDisk, Optional.empty(), Optional.empty());
            }
            return fail(readFailure.orElseGet(() -> new IOException("remote file ended after " + sizeOnDisk + " of "
                    + target.size() + " bytes; it may have been truncated during the sync")));
        }
        Optional<Category> category = Optional.empty();
        int head = categorizer.headBytesWanted();
        if (oldSize < head) { // first sorted by a shorter head: sort it again
            category = Optional.of(categorizer.categorize(path, store.currentFiles().read(path, 0, head)));
        }
        store.writer().commitAppend(path, oldSize, sizeOnDisk, Optional.of(target.modified()), category);
        return new Step.Done(TransferRun.Outcome.GROWN);
    }

    // ---------------------------------------------------------------- whole

    /** Fetches the file whole into staging, resuming a staged partial after checking its last bytes. */
    private Step whole() throws IOException {
        phase = Phase.WHOLE;
        OptionalLong partial = store.staging().size(path);
        if (partial.isPresent() && partial.getAsLong() > target.size()) {
            store.staging().discard(path);
            partial = OptionalLong.empty();
        }
        from = partial.orElse(0);
        resumeWindow = (int) Math.min(window, from);
        long start = from - resumeWindow;
        return fetch(start, target.size() - start + 1);
    }

    private Step wholeArrived(FetchedRange range) throws IOException {
        if (range.sizeAtRead() < target.size()) {
            target = new RemoteFile(path, range.sizeAtRead(), range.modifiedAtRead(), target.sourceName());
            if (from > target.size()) {
                store.staging().discard(path);
                return whole();
            }
        }
        InputStream in = range.bytes();
        if (resumeWindow > 0) {
            long start = from - resumeWindow;
            byte[] remoteWindow = in.readNBytes(resumeWindow);
            run.fetched(remoteWindow.length);
            if (!Arrays.equals(remoteWindow, store.staging().read(path, start, resumeWindow))) {
                LOG.debug("partial download of {} no longer matches the remote; starting over", path);
                store.staging().discard(path);
                return whole();
            }
        }
        Copy copy = store.staging().write(path, from, in, target.size() - from, run::fetched);
        if (copy.localWriteFailed() || copy.cancelled()) {
            return fail(copy.failure().orElseThrow());
        }
        readFailure = copy.failure();
        long have = from + copy.bytes();
        sizeOnDisk = have;
        complete = have == target.size();
        boolean changedWhileRead = complete && probePastEnd(in);
        int head = (int) Math.min(window, have);
        if (head > 0 && (changedWhileRead || (!complete && copy.bytes() > 0))) {
            expected = store.staging().read(path, 0, head);
            phase = Phase.CHECK_WHOLE;
            return fetch(0, head);
        }
        return finishWhole();
    }

    private Step finishWhole() throws IOException {
        if (readFailure.isPresent()) {
            return fail(readFailure.get());
        }
        if (!complete) {
            return fail(new IOException("remote file ended after " + sizeOnDisk + " of " + target.size()
                    + " bytes; it may have been truncated during the sync"));
        }
        if (local.isPresent() && local.get().size() == target.size() && store.currentFiles().exists(path)
                && store.staging().sameAsCurrent(path)) {
            store.staging().discard(path);
            store.writer().commitTouch(path, target.modified());
            return new Step.Done(TransferRun.Outcome.TOUCHED);
        }
        int wanted = categorizer.headBytesWanted();
        Category category = categorizer.categorize(path, wanted > 0 ? store.staging().read(path, 0, wanted) : new byte[0]);
        if (local.isPresent() && store.currentFiles().exists(path)) {
            store.writer().commitReplace(path, category, target.modified());
            return new Step.Done(TransferRun.Outcome.REPLACED);
        }
        store.writer().commitNew(path, category, target.modified());
        return new Step.Done(TransferRun.Outcome.ADDED);
    }

    // ---------------------------------------------------------------- the check after a suspicious read

    private Step checked(FetchedRange range, boolean append) throws IOException {
        byte[] now = range.bytes().readNBytes(expected.length);
        run.fetched(now.length);
        if (Arrays.equals(now, expected)) {
            return append ? finishAppend() : finishWhole();
        }
        if (append) {
            // Go back to the version that was whole, which the next sync replaces properly.
            store.currentFiles().cutBack(path, local.orElseThrow().size());
            return fail(new IOException("changed on the remote while its new bytes were read (rewritten or "
                    + "truncated); its previous content is kept and the next sync fetches it again"));
        }
        store.staging().discard(path);
        return fail(new IOException("changed on the remote while it was read (rewritten or truncated); the next sync "
                + "fetches it again"));
    }

    // ---------------------------------------------------------------- helpers

    private Step fetch(long offset, long length) {
        return new Step.Fetch(new RangeRequest(target, offset, length));
    }

    /** Whether a byte follows the listed end: the file grew, or was rewritten longer, while it was read. */
    private boolean probePastEnd(InputStream in) {
        try {
            if (in.read() >= 0) {
                run.fetched(1);
                return true;
            }
        } catch (IOException e) {
            LOG.debug("probing past the listed end of {} failed ({}); assuming the file did not change", path,
                    e.toString());
        }
        return false;
    }

    private Step fail(Exception e) {
        if (e instanceof java.io.InterruptedIOException || e instanceof java.nio.channels.ClosedByInterruptException) {
            Thread.currentThread().interrupt();
            return new Step.Done(TransferRun.Outcome.CANCELLED);
        }
        run.failed(path, "could not be synced", e);
        return new Step.Done(TransferRun.Outcome.FAILED);
    }
}
