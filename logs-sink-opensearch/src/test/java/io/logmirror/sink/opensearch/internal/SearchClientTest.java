package io.logmirror.sink.opensearch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logmirror.sink.opensearch.SearchRequest;
import io.logmirror.sink.opensearch.SearchResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The query it writes and the answer it reads (a real node answers them in OpenSearchSinkTest). */
class SearchClientTest {

    @Test
    void filtersOnTheClusterAndEveryConditionAsked() {
        JsonNode query = SearchClient.query(SearchRequest.text("oom").inCategory("vllm").underPath("runs/")
                .between(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-02T00:00:00Z")), "c1");

        assertThat(query.toString()).contains("{\"term\":{\"cluster\":\"c1\"}}", "{\"match_phrase\":{\"message\":\"oom\"}}",
                "{\"term\":{\"category\":\"vllm\"}}", "{\"prefix\":{\"path\":\"runs/\"}}",
                "\"gte\":\"2025-01-01T00:00:00Z\"", "\"lt\":\"2025-01-02T00:00:00Z\"");
        assertThat(query.get("size").asInt()).isEqualTo(100);
    }

    @Test
    void readsHitsAndTheTotal() throws Exception {
        JsonNode answer = new ObjectMapper().readTree("{\"took\":3,\"hits\":{\"total\":{\"value\":42},\"hits\":[{"
                + "\"_source\":{\"time\":\"2025-01-01T00:00:00Z\",\"path\":\"a.log\",\"category\":\"server\","
                + "\"offset\":7,\"line_number\":2,\"message\":\"m\",\"level\":\"error\"}}]}}");

        SearchResult result = SearchClient.result(answer);

        assertThat(result.total()).isEqualTo(42);
        assertThat(result.tookMs()).isEqualTo(3);
        assertThat(result.hits()).singleElement().satisfies(hit -> {
            assertThat(hit.path()).isEqualTo("a.log");
            assertThat(hit.lineNumber()).isEqualTo(2);
            assertThat(hit.level()).contains("error");
            assertThat(hit.jobId()).isEmpty();
        });
    }
}
