package io.logmirror.app.http;

import io.logmirror.app.SampleCluster;
import io.logmirror.app.TestHttp;
import io.logmirror.app.config.VariableSource;
import io.logmirror.core.RemoteSource;
import io.logmirror.fakecluster.FakeRemote;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class TokenFilterTest {

    static final Path DATA = TestHttp.tempDir("token");
    static final FakeRemote REMOTE = SampleCluster.create();
    static final String TOKEN = "s3cr3t-t0ken";
    static final List<String> PROTECTED = List.of("/", "/status", "/services", "/services/stats", "/logs",
            "/logs/content?path=logs/slurm-100.out", "/openapi.json", "/docs", "/management/health", "/nope");

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

    @MockBean(VariableSource.class)
    VariableSource variables() {
        return () -> Map.of("DATA_DIR", DATA.toString(), "LOGS_MODE", "demo", "SYNC_INTERVAL", "3600", "API_TOKEN", TOKEN);
    }

    @MockBean(RemoteSource.class)
    RemoteSource remote() {
        return REMOTE;
    }

    private HttpResponse<String> call(MutableHttpRequest<?> request) {
        return TestHttp.exchange(http.toBlocking(), request);
    }

    @Test
    void healthNeedsNoToken() {
        assertThat(call(HttpRequest.GET("/health")).status().getCode()).isEqualTo(HttpStatus.OK.getCode());
    }

    @Test
    void everyOtherEndpointAnswers401WithoutAToken() {
        for (String uri : PROTECTED) {
            HttpResponse<String> response = call(HttpRequest.GET(uri));
            assertThat(response.status().getCode()).as(uri).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
            assertThat(TestHttp.body(response)).as(uri).startsWith("{\"detail\":\"Missing bearer token");
            assertThat(response.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
        }
        assertThat(call(HttpRequest.POST("/sync/trigger", "")).status().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
    }

    @Test
    void aWrongTokenAnswers401() {
        for (String token : List.of("wrong", TOKEN + "x", TOKEN.substring(1), "")) {
            HttpResponse<String> response = call(HttpRequest.GET("/status").header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
            assertThat(response.status().getCode()).as(token).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
        }
    }

    @Test
    void anotherSchemeThanBearerAnswers401() {
        HttpResponse<String> response = call(HttpRequest.GET("/status").header(HttpHeaders.AUTHORIZATION, "Basic " + TOKEN));
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
    }

    @Test
    void theRightTokenOpensEveryEndpoint() {
        for (String uri : List.of("/", "/status", "/services", "/logs", "/openapi.json")) {
            HttpResponse<String> response = call(HttpRequest.GET(uri).bearerAuth(TOKEN));
            assertThat(response.status().getCode()).as(uri).isEqualTo(HttpStatus.OK.getCode());
        }
    }

    @Inject
    io.micronaut.context.ApplicationContext context;

    private int statusOf(String pathAndQuery) throws Exception {
        java.net.URI uri = java.net.URI.create(context.getBean(io.micronaut.runtime.server.EmbeddedServer.class).getURI()
                + pathAndQuery);
        java.net.http.HttpResponse<java.io.InputStream> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(uri).build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    @Test
    void theFollowEndpointAcceptsTheTokenAsAQueryParameter() throws Exception {
        assertThat(statusOf("/logs/follow?tail=0&token=" + TOKEN)).isEqualTo(200);
        assertThat(statusOf("/logs/follow?tail=0&token=wrong")).isEqualTo(401);
        assertThat(statusOf("/logs/follow?tail=0")).isEqualTo(401);
    }

    @Test
    void noOtherEndpointAcceptsTheTokenAsAQueryParameter() throws Exception {
        for (String uri : List.of("/status", "/logs", "/services", "/logs/content?path=logs/slurm-100.out")) {
            String separator = uri.contains("?") ? "&" : "?";
            assertThat(statusOf(uri + separator + "token=" + TOKEN)).as(uri).isEqualTo(401);
        }
    }
}
