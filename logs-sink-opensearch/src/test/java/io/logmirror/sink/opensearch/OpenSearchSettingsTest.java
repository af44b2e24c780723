package io.logmirror.sink.opensearch;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenSearchSettingsTest {

    @Test
    void resolvesPathsUnderTheBaseAddress() {
        OpenSearchSettings settings = OpenSearchSettings.builder(URI.create("http://os:9200/")).build();

        assertThat(settings.resolve("/_bulk")).isEqualTo(URI.create("http://os:9200/_bulk"));
        assertThat(settings.indexPrefix()).isEqualTo("logmirror");
    }

    @Test
    void refusesAnIndexPrefixOpenSearchWouldRefuse() {
        assertThatThrownBy(() -> OpenSearchSettings.builder(URI.create("http://os:9200")).indexPrefix("Logs*").build())
                .hasMessageContaining("OPENSEARCH_INDEX_PREFIX").hasMessageContaining("Logs*");
    }

    @Test
    void refusesANonHttpAddressAndHalfABasicAuth() {
        assertThatThrownBy(() -> OpenSearchSettings.builder(URI.create("os:9200")).build())
                .hasMessageContaining("OPENSEARCH_URL");
        assertThatThrownBy(() -> OpenSearchSettings.builder(URI.create("http://os:9200")).basicAuth(null, "p").build())
                .hasMessageContaining("OPENSEARCH_USERNAME");
    }
}
