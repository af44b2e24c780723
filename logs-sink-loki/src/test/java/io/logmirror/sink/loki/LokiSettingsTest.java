package io.logmirror.sink.loki;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LokiSettingsTest {

    @Test
    void pushesToTheDocumentedPathUnderTheBaseAddress() {
        assertThat(LokiSettings.builder(URI.create("http://loki:3100")).build().pushUri())
                .isEqualTo(URI.create("http://loki:3100/loki/api/v1/push"));
        assertThat(LokiSettings.builder(URI.create("https://gw.example/loki-proxy/")).build().pushUri())
                .isEqualTo(URI.create("https://gw.example/loki-proxy/loki/api/v1/push"));
    }

    @Test
    void refusesAnAddressThatIsNotHttp() {
        assertThatThrownBy(() -> LokiSettings.builder(URI.create("loki:3100")).build())
                .hasMessageContaining("LOKI_URL").hasMessageContaining("loki:3100");
        assertThatThrownBy(() -> LokiSettings.builder(URI.create("http://loki:3100/?a=b")).build())
                .hasMessageContaining("query");
    }

    @Test
    void refusesHalfABasicAuthOrBothKindsOfAuth() {
        URI url = URI.create("http://loki:3100");
        assertThatThrownBy(() -> LokiSettings.builder(url).basicAuth("u", null).build())
                .hasMessageContaining("LOKI_PASSWORD");
        assertThatThrownBy(() -> LokiSettings.builder(url).basicAuth("u", "p").bearerToken("t").build())
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> LokiSettings.builder(url).basicAuth("a:b", "p").build())
                .hasMessageContaining("':'");
    }

    @Test
    void refusesATenantThatCannotBeAnHttpHeader() {
        assertThatThrownBy(() -> LokiSettings.builder(URI.create("http://loki:3100")).tenant("a\nb").build())
                .hasMessageContaining("LOKI_TENANT");
    }
}
