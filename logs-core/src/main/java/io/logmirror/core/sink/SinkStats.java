package io.logmirror.core.sink;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A sink's counters since it started, for metrics and health.
 *
 * @param name           the backend's name
 * @param queueDepth     live lines and markers waiting in the sink's queue
 * @param linesDelivered lines the backend accepted
 * @param linesRetried   lines sent again after a failure (a batch of 100 retried twice counts 200)
 * @param linesDropped   lines the backend refused for good (never retried)
 * @param batches        batches the backend accepted or refused for good
 * @param catchUps       times the sink read on from the store (at start, and after its queue overflowed)
 * @param lastAccepted   when the backend last accepted a batch
 * @param lastError      the backend's last failure or refusal, if any
 */
public record SinkStats(String name, int queueDepth, long linesDelivered, long linesRetried, long linesDropped,
                        long batches, long catchUps, Optional<Instant> lastAccepted, Optional<String> lastError) {

    public SinkStats {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastAccepted, "lastAccepted");
        Objects.requireNonNull(lastError, "lastError");
    }
}
