package io.logmirror.core.sink;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link LogSink} batches and retries. Build with {@link #builder()}; every value is checked.
 *
 * @param maxBatchBytes      a batch is sent when it holds this many bytes ({@link SinkBackend#sizeOf}); default 1 MiB
 * @param maxBatchDelay      ... or when its first line has waited this long; default 1 s
 * @param queueCapacity      live lines waiting for the sink thread; when full, the sink drops the live lines and later
 *                           reads them back from the store; default 20,000
 * @param initialBackoff     first wait after a failed send; doubled on each further failure; default 250 ms
 * @param maxBackoff         the longest wait between two tries (also the longest a sink waits, after its backend is
 *                           back, before it tries again); default 10 s
 * @param maxLineBytes       lines longer than this (read back from the store) are cut into pieces; default 64 KiB
 * @param startAtBeginning   whether a file without a cursor is shipped from its first line (default) or from its
 *                           current end (for a first start on a large existing mirror)
 * @param annotator          time, level and pattern of each line; empty (the default) for the time parsed from the
 *                           line ({@link io.logmirror.core.time.LineTimes}, the format detected per file), else the
 *                           time of the line before it, else its arrival time
 * @param zone               the zone of parsed times written without an offset; default the system's
 */
public record SinkOptions(int maxBatchBytes, Duration maxBatchDelay, int queueCapacity, Duration initialBackoff,
                          Duration maxBackoff, int maxLineBytes, boolean startAtBeginning,
                          Optional<LineAnnotator> annotator, ZoneId zone) {

    public SinkOptions {
        Objects.requireNonNull(maxBatchDelay, "maxBatchDelay");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(annotator, "annotator");
        Objects.requireNonNull(zone, "zone");
        atLeast("maxBatchBytes", maxBatchBytes, 1024);
        atLeast("queueCapacity", queueCapacity, 16);
        atLeast("maxLineBytes", maxLineBytes, 256);
        positive("maxBatchDelay", maxBatchDelay);
        positive("initialBackoff", initialBackoff);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff ("
                    + initialBackoff + ")");
        }
    }

    /** The defaults listed above. */
    public static SinkOptions defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** Builds {@link SinkOptions}; not thread-safe. */
    public static final class Builder {
        private int maxBatchBytes = 1 << 20;
        private Duration maxBatchDelay = Duration.ofSeconds(1);
        private int queueCapacity = 20_000;
        private Duration initialBackoff = Duration.ofMillis(250);
        private Duration maxBackoff = Duration.ofSeconds(10);
        private int maxLineBytes = 64 * 1024;
        private boolean startAtBeginning = true;
        private LineAnnotator annotator;
        private ZoneId zone = ZoneId.systemDefault();

        private Builder() {
        }

        public Builder maxBatchBytes(int bytes) {
            this.maxBatchBytes = bytes;
            return this;
        }

        public Builder maxBatchDelay(Duration delay) {
            this.maxBatchDelay = delay;
            return this;
        }

        public Builder queueCapacity(int capacity) {
            this.queueCapacity = capacity;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        public Builder maxLineBytes(int bytes) {
            this.maxLineBytes = bytes;
            return this;
        }

        public Builder startAtBeginning(boolean fromFirstLine) {
            this.startAtBeginning = fromFirstLine;
            return this;
        }

        /** Replaces the default (parsed time, else arrival time), for example by error detection's annotator. */
        public Builder annotator(LineAnnotator annotator) {
            this.annotator = Objects.requireNonNull(annotator, "annotator");
            return this;
        }

        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        /** @throws IllegalArgumentException naming the first value out of range */
        public SinkOptions build() {
            return new SinkOptions(maxBatchBytes, maxBatchDelay, queueCapacity, initialBackoff, maxBackoff,
                    maxLineBytes, startAtBeginning, Optional.ofNullable(annotator), zone);
        }
    }
}
