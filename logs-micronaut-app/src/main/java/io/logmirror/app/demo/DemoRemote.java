package io.logmirror.app.demo;

import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.RemoteSource;
import io.logmirror.testkit.FakeRemote;
import io.logmirror.testkit.SyntheticLogs;
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
 * The remote of demo mode: the testkit's in-memory fake cluster, filled with synthetic benchmark-job logs
 * (a few hours of finished jobs) that keep growing in real time (running jobs log, finish, new ones start),
 * so that a fresh clone started without configuration shows live data.
 */
public final class DemoRemote implements RemoteSource {

    /** How often the synthetic cluster moves on to the wall clock. */
    public static final Duration TICK = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(DemoRemote.class);

    private final FakeRemote remote;
    private final ScheduledExecutorService ticker;

    private DemoRemote(FakeRemote remote, ScheduledExecutorService ticker) {
        this.remote = remote;
        this.ticker = ticker;
    }

    /** A fake cluster with about eight hours of history, growing every {@link #TICK} until closed. */
    public static DemoRemote start() {
        FakeRemote remote = FakeRemote.named("demo");
        Instant now = Instant.now();
        SyntheticLogs logs = SyntheticLogs.builder(remote).seed(now.getEpochSecond())
                .start(now.minus(Duration.ofHours(8))).concurrentJobs(2).build();
        logs.advanceTo(now);
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
