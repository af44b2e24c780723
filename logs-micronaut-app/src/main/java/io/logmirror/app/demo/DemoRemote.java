package io.logmirror.app.demo;

import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.RemoteSource;
import io.logmirror.fakecluster.FakeRemote;
import io.logmirror.fakecluster.SyntheticLogs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The remote of demo mode: the in-memory fake cluster of logs-fakecluster, filled with synthetic benchmark-job logs
 * (a few hours of finished jobs) that keep growing in real time (running jobs log, finish, new ones start),
 * so that a fresh clone started without configuration shows live data.
 */
public final class DemoRemote implements RemoteSource {

    /**
     * How far back the synthetic history starts. With {@link #SEED} the ten finished jobs take about 4 h 20 min
     * of simulated time; the running jobs then log in small steps up to now.
     */
    public static final Duration HISTORY = Duration.ofHours(5);

    /** The generator's seed: the demo shows the same jobs on every start. */
    public static final long SEED = 42;

    /** How often the synthetic cluster moves on to the wall clock. */
    public static final Duration TICK = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(DemoRemote.class);

    private final FakeRemote remote;
    private final ScheduledExecutorService ticker;

    private DemoRemote(FakeRemote remote, ScheduledExecutorService ticker) {
        this.remote = remote;
        this.ticker = ticker;
    }

    /** A fake cluster with {@link #HISTORY} of history, growing every {@link #TICK} until closed. */
    public static DemoRemote start() {
        FakeRemote remote = FakeRemote.named("demo");
        Instant now = Instant.now();
        SyntheticLogs logs = SyntheticLogs.builder(remote).seed(SEED)
                .start(now.minus(HISTORY)).concurrentJobs(2).build();
        logs.populate(10);
        // Then the running jobs of the last hours, in small steps so that their logs look lived-in.
        while (logs.now().isBefore(now)) {
            Instant step = logs.now().plus(Duration.ofMinutes(2));
            logs.advanceTo(step.isBefore(now) ? step : now);
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "demo-cluster");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(() -> {
            try {
                logs.advanceTo(Instant.now());
            } catch (RuntimeException e) {
                LOG.warn("the demo cluster could not generate more logs: {}", e.toString());
            }
        }, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        return new DemoRemote(remote, ticker);
    }

    @Override
    public RemoteListing list() throws IOException {
        return remote.list();
    }

    @Override
    public InputStream open(RemoteFile file, long offset, long length) throws IOException {
        return remote.open(file, offset, length);
    }

    @Override
    public int preferredParallelism() {
        return remote.preferredParallelism();
    }

    @Override
    public String describe() {
        return "demo: a built-in fake cluster with synthetic, growing logs (" + remote.describe() + ")";
    }

    @Override
    public void close() throws IOException {
        ticker.shutdownNow();
        remote.close();
        remote.destroy();
    }
}
