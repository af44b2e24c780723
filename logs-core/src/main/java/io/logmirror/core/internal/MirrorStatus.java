package io.logmirror.core.internal;

import io.logmirror.core.SyncProgress;
import io.logmirror.core.SyncReport;
import io.logmirror.core.SyncStatus;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's record of its syncs: counts, the last success, report and error, the consecutive failures that set the
 * back-off. Guarded by the {@link SyncSchedule}'s lock (the caller holds it); {@link #progress} is volatile.
 */
final class MirrorStatus {

    private static final Logger LOG = LoggerFactory.getLogger(MirrorStatus.class);

    private final String source;
    volatile SyncProgress progress = SyncProgress.NONE;
    private long successfulSyncs;
    private long failedSyncs;
    private Instant lastSuccess;
    private Instant lastFinished;
    private SyncReport lastReport;
    private String lastError;
    private int consecutiveFailures;

    MirrorStatus(String source) {
        this.source = source;
    }

    void succeeded(Instant now, SyncReport report) {
        lastFinished = now;
        successfulSyncs++;
        consecutiveFailures = 0;
        lastSuccess = now;
        lastReport = report;
        lastError = null;
    }

    void failed(Instant now, Throwable failure) {
        lastFinished = now;
        failedSyncs++;
        consecutiveFailures++;
        lastError = String.valueOf(failure.getMessage() == null ? failure.toString() : failure.getMessage());
    }

    void cancelled(Instant now) {
        lastFinished = now;
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    SyncStatus snapshot(boolean running, Optional<Instant> nextSync) {
        return new SyncStatus(running, running ? progress : SyncProgress.NONE, successfulSyncs, failedSyncs,
                Optional.ofNullable(lastSuccess), Optional.ofNullable(lastFinished), Optional.ofNullable(lastReport),
                Optional.ofNullable(lastError), nextSync, consecutiveFailures);
    }

    /** One INFO line per sync with what changed, a WARN per failed file. */
    void log(SyncReport report) {
        LOG.info(String.format("sync of %s: %d files listed, %d added, %d grown, %d replaced, %d gone, "
                        + "%d bytes fetched, %d skipped, %d failed, in %d ms",
                source, report.filesListed(), report.filesAdded(), report.filesGrown(), report.filesReplaced(),
                report.filesGone(), report.bytesFetched(), report.skipped().size(), report.failures().size(),
                report.duration().toMillis()));
        for (var failure : report.failures()) {
            LOG.warn("sync of {} failed for {}: {}", source, failure.name(), failure.reason());
        }
        if (!report.skipped().isEmpty() && LOG.isDebugEnabled()) {
            report.skipped().forEach(s -> LOG.debug("skipped {}: {}", s.name(), s.reason()));
        }
    }

    /** A progress line while a long sync runs. */
    void logProgress(long seconds) {
        SyncProgress p = progress;
        if (p == SyncProgress.NONE) { // the syncer reports its first progress once the listing is compared
            LOG.info("sync of {} running for {} s: listing the remote", source, seconds);
        } else if (p.filesTotal() == 0) {
            LOG.info("sync of {} running for {} s: nothing to transfer, finishing", source, seconds);
        } else {
            LOG.info("sync of {} running for {} s: {}/{} files, {}/{} bytes", source, seconds, p.filesDone(),
                    p.filesTotal(), p.bytesDone(), p.bytesTotal());
        }
    }
}
