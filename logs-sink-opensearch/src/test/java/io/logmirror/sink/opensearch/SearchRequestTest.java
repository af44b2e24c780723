package io.logmirror.sink.opensearch;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchRequestTest {

    @Test
    void addsConditionsOneByOne() {
        SearchRequest request = SearchRequest.text("oom").inCategory("vllm").ofJob("7").withLevel("error").limit(5);

        assertThat(request.text()).contains("oom");
        assertThat(request.category()).contains("vllm");
        assertThat(request.jobId()).contains("7");
        assertThat(request.level()).contains("error");
        assertThat(request.limit()).isEqualTo(5);
    }

    @Test
    void refusesALimitBeyondTheResultWindowAndAnEmptyTimeRange() {
        assertThatThrownBy(() -> SearchRequest.all().limit(10_001)).hasMessageContaining("limit");
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        assertThatThrownBy(() -> SearchRequest.all().between(t, t)).hasMessageContaining("before");
    }
}
