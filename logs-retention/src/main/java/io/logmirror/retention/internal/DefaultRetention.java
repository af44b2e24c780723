package io.logmirror.retention.internal;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogQuery;
import io.logmirror.core.LogStore;
import io.logmirror.retention.CompressionResult;
import io.logmirror.retention.FileCompressor;
import io.logmirror.retention.PlannedAction;
import io.logmirror.retention.Retention;
import io.logmirror.retention.RetentionPlan;
import io.logmirror.retention.RetentionPolicy;
import io.logmirror.retention.RetentionReport;
import io.logmirror.retention.RetentionReport.Outcome;
import io.logmirror.retention.RetentionReport.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Plans from the store, removes through the mirror, compresses in place; keeps the last report. */
public final class DefaultRetention implements Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final RetentionPolicy policy;
    private final LogStore store;
    private final Remover remover;
    private final FileCompressor compressor;
    private final Clock clock;
    private final StoredLayout layout;
    private final AtomicReference<RetentionReport> last = new AtomicReference<>();
    private boolean cleanedUp;

    public DefaultRetention(RetentionPolicy policy, LogStore store, Remover remover, FileCompressor compressor,
                            Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.store = Objects.requireNonNull(store, "store");
        this.remover = Objects.requireNonNull(remover, "remover");
        this.compressor = Objects.requireNonNull(compressor, "compressor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.layout = new StoredLayout(store.dataDirectory());
    }

    @Override
    public RetentionPolicy policy() {
        return policy;
    }

    @Override
    public RetentionPlan plan() throws IOException {
        List<RetentionPlanner.Item> items = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (LogEntry current : store.list(new LogQuery(Optional.empty(), Integer.MAX_VALUE, true))) {
            look(current, items, notes);
            for (LogEntry old : store.generations(current.path())) {
                look(old, items, notes);
            }
        }
        return new RetentionPlanner(policy).plan(items, clock.instant(), notes);
    }

    private void look(LogEntry entry, List<RetentionPlanner.Item> items, List<String> notes) throws IOException {
        try {
            items.add(layout.item(entry));
        } catch (NoSuchFileException e) {
            notes.add(describe(entry) + " is in the index but not on disk; left out");
        } catch (IOException e) {
            notes.add(describe(entry) + " cannot be read (" + e.getMessage() + "); left out");
        }
    }

    @Override
    public synchronized RetentionReport dryRun() throws IOException {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        RetentionPlan plan = plan();
        return new RetentionReport(started, Duration.ofNanos(System.nanoTime() - t0), true, plan, List.of());
    }

    @Override
    public synchronized RetentionReport run() throws IOException {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        if (!cleanedUp) {
            compressor.cleanUp();
            cleanedUp = true;
        }
        RetentionPlan plan = plan();
        List<Outcome> outcomes = new ArrayList<>();
        for (PlannedAction action : plan.actions()) {
            outcomes.add(action.kind() == PlannedAction.Kind.DELETE ? delete(action) : compress(action));
        }
        RetentionReport report = new RetentionReport(started, Duration.ofNanos(System.nanoTime() - t0), false, plan,
                outcomes);
        last.set(report);
        if (!outcomes.isEmpty() || !plan.notes().isEmpty()) {
            LOG.info("retention: {} deleted, {} compressed, {} freed, {} failed, in {} ms{}", report.deleted(),
                    report.compressed(), RetentionPlanner.bytes(report.bytesFreed()), report.failed(),
                    report.took().toMillis(), plan.notes().isEmpty() ? "" : "; " + String.join("; ", plan.notes()));
        }
        return report;
    }

    private Outcome delete(PlannedAction action) {
        LogEntry entry = action.entry();
        try {
            if (remover.remove(entry)) {
                LOG.info("retention removed {}: {}", describe(entry), action.reason());
                return new Outcome(action, Status.DONE, "", action.storedBytes());
            }
            return new Outcome(action, Status.SKIPPED, "a sync was writing it, or it was already gone", 0);
        } catch (IOException | RuntimeException e) {
            LOG.warn("retention could not remove {}: {}", describe(entry), e.toString());
            return new Outcome(action, Status.FAILED, String.valueOf(e.getMessage()), 0);
        }
    }

    private Outcome compress(PlannedAction action) {
        LogEntry entry = action.entry();
        try {
            CompressionResult result = compressor.compress(layout.checkedFileOf(entry), entry.size(),
                    entry.modified());
            return switch (result.outcome()) {
                case DONE -> new Outcome(action, Status.DONE, "", action.storedBytes() - result.storedBytes());
                case ALREADY -> new Outcome(action, Status.SKIPPED, "already compressed", 0);
                case CHANGED -> new Outcome(action, Status.SKIPPED, "it changed since it was planned", 0);
            };
        } catch (NoSuchFileException e) {
            return new Outcome(action, Status.SKIPPED, "it is no longer on disk", 0);
        } catch (IOException | RuntimeException e) {
            LOG.warn("retention could not compress {}: {}", describe(entry), e.toString());
            return new Outcome(action, Status.FAILED, String.valueOf(e.getMessage()), 0);
        }
    }

    @Override
    public Optional<RetentionReport> lastRun() {
        return Optional.ofNullable(last.get());
    }

    private static String describe(LogEntry entry) {
        return entry.isCurrent() ? "logs/" + entry.path()
                : "generations/" + entry.generation() + "/" + entry.path();
    }
}
