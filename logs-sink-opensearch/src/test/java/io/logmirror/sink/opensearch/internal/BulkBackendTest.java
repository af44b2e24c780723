package io.logmirror.sink.opensearch.internal;

import io.logmirror.core.sink.SinkBackend;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How bulk answers map to what becomes of a batch (the real node's answers are exercised in OpenSearchSinkTest). */
class BulkBackendTest {

    @Test
    void acceptsABulkWithoutErrors() throws Exception {
        assertThat(BulkBackend.answer(200, "{\"errors\":false}").status()).isEqualTo(SinkBackend.Status.ACCEPTED);
    }

    @Test
    void retriesTheWholeBatchWhenAnItemWasRejectedForOverload() throws Exception {
        String body = "{\"errors\":true,\"items\":[{\"index\":{\"status\":201}},"
                + "{\"index\":{\"status\":429,\"error\":{\"type\":\"es_rejected_execution_exception\"}}}]}";

        SinkBackend.Result result = BulkBackend.answer(200, body);

        assertThat(result.status()).isEqualTo(SinkBackend.Status.RETRY);
        assertThat(result.detail()).contains("429");
    }

    @Test
    void dropsAndCountsItemsRefusedForGood() throws Exception {
        String body = "{\"errors\":true,\"items\":[{\"index\":{\"status\":201}},{\"index\":{\"status\":400,"
                + "\"error\":{\"type\":\"mapper_parsing_exception\",\"reason\":\"bad\"}}}]}";

        SinkBackend.Result result = BulkBackend.answer(200, body);

        assertThat(result.status()).isEqualTo(SinkBackend.Status.ACCEPTED);
        assertThat(result.dropped()).isEqualTo(1);
        assertThat(result.detail()).contains("mapper_parsing_exception");
    }

    @Test
    void retriesWhenTheNodeIsOverloadedOrDownAndDropsAMalformedRequest() throws Exception {
        assertThat(BulkBackend.answer(503, "").status()).isEqualTo(SinkBackend.Status.RETRY);
        assertThat(BulkBackend.answer(429, "").status()).isEqualTo(SinkBackend.Status.RETRY);
        assertThat(BulkBackend.answer(400, "bad").status()).isEqualTo(SinkBackend.Status.REJECTED);
    }
}
