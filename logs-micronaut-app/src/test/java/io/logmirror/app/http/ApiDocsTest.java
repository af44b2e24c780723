package io.logmirror.app.http;

import io.logmirror.app.TestHttp;
import io.logmirror.app.config.VariableSource;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated API description, its page (with local assets) and the management endpoints. */
@MicronautTest
class ApiDocsTest {

    /** Made per test, not injected: an injected {@code @Client("/")} asks for the port before the server has one. */
    HttpClient http;

    @Inject
    EmbeddedServer embeddedServer;

    @BeforeEach
    void openClient() {
        http = HttpClient.create(embeddedServer.getURL());
    }

    @AfterEach
    void closeClient() {
        http.close();
    }

    @Inject
    JsonMapper json;

    @MockBean(VariableSource.class)
    VariableSource variables() {
        return () -> Map.of("DATA_DIR", TestHttp.tempDir("docs").toString(), "LOGS_MODE", "offline");
    }

    private HttpResponse<String> get(String uri) {
        return TestHttp.exchange(http.toBlocking(), HttpRequest.GET(uri));
    }

    @Test
    void openApiDescribesEveryEndpointOfTheContract() throws Exception {
        HttpResponse<String> response = get("/openapi.json");
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.OK.getCode());
        JsonNode spec = json.readValue(TestHttp.body(response), JsonNode.class);
        assertThat(spec.get("openapi").getStringValue()).startsWith("3.");
        JsonNode paths = spec.get("paths");
        for (String path : List.of("/", "/health", "/status", "/sync/trigger", "/services", "/services/stats", "/logs", "/logs/content",
                "/errors", "/logs/patterns", "/jobs", "/jobs/{id}")) {
            assertThat(paths.get(path)).as(path).isNotNull();
        }
        assertThat(paths.get("/sync/trigger").get("post")).isNotNull();
        assertThat(paths.get("/openapi.json")).isNull();
    }

    @Test
    void theDocsPageIsServedWithItsAssetsFromTheJar() {
        HttpResponse<String> page = get("/docs");
        assertThat(page.status().getCode()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(page.getHeaders().get(HttpHeaders.CONTENT_TYPE)).startsWith("text/html");
        String html = TestHttp.body(page);
        assertThat(html).contains("swagger-ui").doesNotContain("unpkg.com").doesNotContain("cdn.");
        assertThat(get("/swagger-ui/res/swagger-ui-bundle.js").status().getCode()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(get("/swagger-ui/res/swagger-ui.css").status().getCode()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(get("/docs/logs-service.json").status().getCode()).isEqualTo(HttpStatus.OK.getCode());
    }

    @Test
    void managementHealthReportsTheRemote() throws Exception {
        HttpResponse<String> response = get("/management/health");
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.OK.getCode());
        JsonNode health = json.readValue(TestHttp.body(response), JsonNode.class);
        assertThat(health.get("status").getStringValue()).isEqualTo("UP");
        JsonNode remote = health.get("details").get("remote");
        assertThat(remote.get("status").getStringValue()).isEqualTo("UP");
        assertThat(remote.get("details").get("mode").getStringValue()).isEqualTo("offline");
    }
}
