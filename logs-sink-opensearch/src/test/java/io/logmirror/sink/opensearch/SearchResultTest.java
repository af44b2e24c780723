package io.logmirror.sink.opensearch;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SearchResultTest {

    @Test
    void keepsACopyOfTheHits() {
        List<SearchResult.Hit> hits = new ArrayList<>();
        hits.add(new SearchResult.Hit("a.log", "server", 1, 0, Instant.EPOCH, "x", Optional.empty(), Optional.empty()));
        SearchResult result = new SearchResult(hits, 1, 3);
        hits.clear();

        assertThat(result.hits()).hasSize(1);
    }
}
