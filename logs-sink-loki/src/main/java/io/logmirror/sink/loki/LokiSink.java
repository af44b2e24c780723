package io.logmirror.sink.loki;

import io.logmirror.core.sink.SinkBackend;

/**
 * Grafana Loki as a {@link SinkBackend}: pushes batches as gzip-compressed JSON to Loki's push API
 * ({@code POST /loki/api/v1/push}).
 *
 * <p>Each line goes to the stream of its labels: {@code cluster}, {@code service} (the file's category),
 * {@code filename} (its path in the mirror) and {@code job} (the Slurm job id in names such as
 * {@code slurm-<id>.out}, {@code orchestrator_job-<id>.err}, when there is one); few labels, as Loki advises. The
 * line's {@code level} and {@code pattern} go into structured metadata when known. Its timestamp is
 * {@link io.logmirror.core.sink.SinkLine#time()}.
 *
 * <p>Answers: 2xx accepted; 429, 5xx, 401, 403, 404 and network failures retried (the sink backs off); any other 4xx
 * (400: malformed, too old, too long) refused for good: the batch is dropped and counted, never retried forever.
 *
 * <pre>{@code
 * try (LogSink sink = LogSink.start(mirror.lines(), mirror.store(), LokiSink.backend(settings),
 *         CursorStore.file(data.resolve("sinks/loki.cursors")), SinkOptions.defaults())) { ... }
 * }</pre>
 */
public final class LokiSink {

    private LokiSink() {
    }

    /** A backend that pushes to the Loki described by {@code settings}. Thread-safe. */
    public static SinkBackend backend(LokiSettings settings) {
        return new io.logmirror.sink.loki.internal.LokiBackend(settings);
    }
}
