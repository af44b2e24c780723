package io.logmirror.core.internal.sink;

import io.logmirror.core.sink.SinkStats;

import java.time.Instant;
import java.util.Optional;

/** A sink's counters: written by the sink's thread only, read by anyone (volatile, no atomic updates needed). */
final class Counters {

    volatile long delivered;
    volatile long retried;
    volatile long dropped;
    volatile long batches;
    volatile long catchUps;
    volatile Instant lastAccepted;
    volatile String lastError;

    void error(String detail) {
        lastError = detail;
    }

    SinkStats snapshot(String name, int queueDepth) {
        return new SinkStats(name, queueDepth, delivered, retried, dropped, batches, catchUps,
                Optional.ofNullable(lastAccepted), Optional.ofNullable(lastError));
    }
}
