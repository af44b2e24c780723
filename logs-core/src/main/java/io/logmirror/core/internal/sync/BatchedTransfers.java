package io.logmirror.core.internal.sync;

import io.logmirror.core.FetchedRange;
import io.logmirror.core.RangeReceiver;
import io.logmirror.core.RangeRequest;
import io.logmirror.core.RemoteSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs file transfers as batched fetches ({@link RemoteSource#fetch}) on {@code parallelism} workers. The transfers are
 * cut into chunks (about four per worker, so that a worker with big files does not hold the others up); a worker takes
 * a chunk, fetches all its first ranges in one batch, then the follow-up ranges its transfers ask for (a whole fetch
 * after a failed window check, a check after a suspicious read) in the next batch, until every file of the chunk is
 * done. A path is written by one worker at a time: each transfer claims its path in the store's writer.
 */
final class BatchedTransfers {

    private static final Logger LOG = LoggerFactory.getLogger(BatchedTransfers.class);
    private static final int MIN_CHUNK = 64;

    private final RemoteSource source;
    private final ExecutorService pool;
    private final int parallelism;

    BatchedTransfers(RemoteSource source, ExecutorService pool, int parallelism) {
        this.source = source;
        this.pool = pool;
        this.parallelism = parallelism;
    }

    /** Runs every transfer; returns when all are done, or throws when cancelled (after the workers stopped). */
    void run(List<FileTransfer> transfers, TransferRun run) throws InterruptedException {
        if (transfers.isEmpty()) {
            return;
        }
        int chunkSize = Math.max(MIN_CHUNK, (transfers.size() + parallelism * 4 - 1) / (parallelism * 4));
        ConcurrentLinkedQueue<List<FileTransfer>> chunks = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < transfers.size(); i += chunkSize) {
            chunks.add(transfers.subList(i, Math.min(transfers.size(), i + chunkSize)));
        }
        int workers = Math.min(parallelism, chunks.size());
        Object monitor = new Object();
        int[] active = new int[1];
        List<Future<?>> futures = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            futures.add(pool.submit(() -> {
                synchronized (monitor) {
                    active[0]++;
                }
                try {
                    List<FileTransfer> chunk;
                    while (!run.cancelled && !Thread.currentThread().isInterrupted() && (chunk = chunks.poll()) != null) {
                        runChunk(chunk, run);
                    }
                } finally {
                    synchronized (monitor) {
                        active[0]--;
                        monitor.notifyAll();
                    }
                }
            }));
        }
        try {
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    LOG.error("transfer worker failed unexpectedly", e.getCause());
                }
            }
        } catch (InterruptedException e) {
            run.cancelled = true;
            for (Future<?> future : futures) {
                future.cancel(true);
            }
            // Wait for running transfers to stop, so that nothing writes after the sync has returned.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            synchronized (monitor) {
                while (active[0] > 0 && System.nanoTime() < deadline) {
                    try {
                        monitor.wait(100);
                    } catch (InterruptedException again) {
                        // keep waiting: returning early would let a transfer write after cancellation
                    }
                }
            }
            throw e;
        }
    }

    /** Fetches a chunk's ranges round after round until each of its files is done. */
    private void runChunk(List<FileTransfer> chunk, TransferRun run) {
        Map<RangeRequest, FileTransfer> pending = new ConcurrentHashMap<>();
        List<FileTransfer> claimed = new ArrayList<>(chunk.size());
        var writer = chunk.get(0).writer();
        try {
            for (FileTransfer transfer : chunk) {
                if (!writer.claim(transfer.path())) {
                    run.done(TransferRun.Outcome.UNCHANGED); // being removed: the next sync sees what is left
                    continue;
                }
                claimed.add(transfer);
                next(transfer, transfer.start(), pending, run);
            }
            while (!pending.isEmpty()) {
                if (run.cancelled || Thread.currentThread().isInterrupted()) {
                    return;
                }
                List<RangeRequest> batch = new ArrayList<>(pending.keySet());
                Map<RangeRequest, FileTransfer> round = new ConcurrentHashMap<>(pending);
                pending.clear();
                try {
                    source.fetch(batch, new RangeReceiver() {
                        @Override
                        public void onRange(FetchedRange range) {
                            FileTransfer transfer = round.remove(range.request());
                            if (transfer != null) {
                                next(transfer, transfer.onRange(range), pending, run);
                            }
                        }

                        @Override
                        public void onFailure(RangeRequest request, IOException cause) {
                            FileTransfer transfer = round.remove(request);
                            if (transfer != null) {
                                next(transfer, transfer.onFailure(cause), pending, run);
                            }
                        }
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (IOException e) {
                    for (FileTransfer transfer : round.values()) {
                        next(transfer, transfer.onFailure(e), pending, run);
                    }
                    round.clear();
                }
                for (FileTransfer transfer : round.values()) {
                    next(transfer, transfer.onFailure(new IOException("the source answered nothing for this file's "
                            + "range")), pending, run);
                }
            }
        } finally {
            for (FileTransfer transfer : claimed) {
                writer.release(transfer.path());
            }
        }
    }

    private static void next(FileTransfer transfer, FileTransfer.Step step, Map<RangeRequest, FileTransfer> pending,
                             TransferRun run) {
        if (step instanceof FileTransfer.Step.Fetch fetch) {
            pending.put(fetch.request(), transfer);
        } else {
            run.done(((FileTransfer.Step.Done) step).outcome());
        }
    }
}
