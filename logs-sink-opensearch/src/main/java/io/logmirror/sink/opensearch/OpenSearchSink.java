package io.logmirror.sink.opensearch;

import io.logmirror.core.sink.SinkBackend;

/**
 * OpenSearch as a {@link SinkBackend} and as a search backend.
 *
 * <p>The backend installs an index template ({@code <prefix>}, for {@code <prefix>-*}) on its first send, then
 * bulk-indexes each batch into daily indices {@code <prefix>-yyyy.MM.dd} (by the line's time, UTC). Fields:
 * {@code time}, {@code cluster}, {@code category}, {@code path}, {@code offset}, {@code line_number}, {@code level},
 * {@code pattern}, {@code job_id}, {@code message}. Each document's id is derived from cluster, path, offset, line
 * number and bytes, so a batch sent again after a restart overwrites instead of duplicating. Answers: a bulk request
 * with items refused with 429 or 5xx is retried whole (harmless, the ids are the same); items refused with another 4xx
 * (a mapping error) are dropped and counted.
 *
 * <pre>{@code
 * try (LogSink sink = LogSink.start(mirror.lines(), mirror.store(), OpenSearchSink.backend(settings),
 *         CursorStore.file(data.resolve("sinks/opensearch.cursors")), SinkOptions.defaults())) { ... }
 * OpenSearchLogSearch search = OpenSearchSink.search(settings);
 * }</pre>
 */
public final class OpenSearchSink {

    private OpenSearchSink() {
    }

    /** A backend that indexes into the OpenSearch described by {@code settings}. */
    public static SinkBackend backend(OpenSearchSettings settings) {
        return new io.logmirror.sink.opensearch.internal.BulkBackend(settings);
    }

    /** Searches what the backend indexed. */
    public static OpenSearchLogSearch search(OpenSearchSettings settings) {
        return new io.logmirror.sink.opensearch.internal.SearchClient(settings);
    }
}
