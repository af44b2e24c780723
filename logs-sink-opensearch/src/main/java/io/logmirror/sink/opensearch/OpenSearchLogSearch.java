package io.logmirror.sink.opensearch;

import java.io.IOException;

/**
 * Answers log searches from OpenSearch instead of scanning the local disk: the query backend behind
 * {@code /logs/search} (and {@code /errors}, once lines carry a level) when OpenSearch is configured.
 *
 * <pre>{@code
 * SearchResult result = OpenSearchSink.search(settings)
 *         .search(SearchRequest.text("CUDA out of memory").inCategory("vllm").limit(50));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public interface OpenSearchLogSearch {

    /**
     * The lines matching {@code request}, newest first (ties by path and offset).
     *
     * @throws IOException when OpenSearch cannot be reached or answers with an error (the message says which)
     */
    SearchResult search(SearchRequest request) throws IOException, InterruptedException;
}
