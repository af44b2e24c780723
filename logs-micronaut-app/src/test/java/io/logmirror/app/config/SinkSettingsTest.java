package io.logmirror.app.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinkSettingsTest {

    @Test
    void hasNoSinkWhenNoUrlIsSet() {
        SinkSettings settings = SinkSettings.from(Map.of("SSH_HOST", "login.lxp.lu"));

        assertThat(settings.loki()).isEmpty();
        assertThat(settings.openSearch()).isEmpty();
    }

    @Test
    void readsLokiWithTenantAndBasicAuthAndNamesTheClusterAfterTheHost() {
        SinkSettings settings = SinkSettings.from(Map.of("LOKI_URL", "http://loki:3100", "LOKI_TENANT", "t1",
                "LOKI_USERNAME", "u", "LOKI_PASSWORD", "p", "SSH_HOST", "login.lxp.lu"));

        assertThat(settings.loki()).hasValueSatisfying(loki -> {
            assertThat(loki.pushUri()).isEqualTo(URI.create("http://loki:3100/loki/api/v1/push"));
            assertThat(loki.tenant()).contains("t1");
            assertThat(loki.username()).contains("u");
            assertThat(loki.cluster()).isEqualTo("login.lxp.lu");
        });
    }

    @Test
    void readsOpenSearchWithItsPrefixAndAnExplicitClusterName() {
        SinkSettings settings = SinkSettings.from(Map.of("OPENSEARCH_URL", "http://os:9200",
                "OPENSEARCH_INDEX_PREFIX", "hpc", "CLUSTER_NAME", "meluxina"));

        assertThat(settings.openSearch()).hasValueSatisfying(os -> {
            assertThat(os.indexPrefix()).isEqualTo("hpc");
            assertThat(os.cluster()).isEqualTo("meluxina");
        });
    }

    @Test
    void listsEveryWrongSinkVariable() {
        assertThatThrownBy(() -> SinkSettings.from(Map.of("LOKI_URL", "loki:3100", "OPENSEARCH_URL", "http://os:9200",
                "OPENSEARCH_USERNAME", "u")))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems()).hasSize(2))
                .hasMessageContaining("LOKI_URL").hasMessageContaining("OPENSEARCH_PASSWORD");
        assertThatThrownBy(() -> SinkSettings.from(Map.of("LOKI_URL", "http://a b")))
                .hasMessageContaining("LOKI_URL='http://a b' is not allowed");
    }
}
