package io.logmirror.app.follow;

import io.logmirror.app.config.VariableSource;
import io.logmirror.core.RemoteSource;
import io.logmirror.fakecluster.FakeRemote;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code API_TOKEN} set, the follow endpoints take the token as {@code ?token=} too (browsers cannot set
 * headers on EventSource or WebSocket), and no other endpoint does. (TokenFilter's own test class holds the same
 * checks; this one runs without an injected Micronaut client.)
 */
@MicronautTest
class FollowTokenTest {

    static final String TOKEN = "s3cr3t-t0ken";
    static final FakeRemote REMOTE = FakeRemote.named("follow-token");

    @Inject
    ApplicationContext context;

    @MockBean(VariableSource.class)
    VariableSource variables() throws Exception {
        Path data = Files.createTempDirectory("follow-token");
        return () -> Map.of("DATA_DIR", data.toString(), "LOGS_MODE", "demo", "SYNC_INTERVAL", "3600", "API_TOKEN", TOKEN);
    }

    @MockBean(RemoteSource.class)
    RemoteSource remote() {
        return REMOTE;
    }

    private int statusOf(String pathAndQuery, Map<String, String> headers) throws Exception {
        URI uri = URI.create(context.getBean(EmbeddedServer.class).getURI() + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        headers.forEach(request::header);
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    @Test
    void theFollowEndpointTakesTheTokenAsAQueryParameterOrAHeader() throws Exception {
        assertThat(statusOf("/logs/follow?tail=0&token=" + TOKEN, Map.of())).isEqualTo(200);
        assertThat(statusOf("/logs/follow?tail=0", Map.of("Authorization", "Bearer " + TOKEN))).isEqualTo(200);
        assertThat(statusOf("/logs/follow?tail=0&token=wrong", Map.of())).isEqualTo(401);
        assertThat(statusOf("/logs/follow?tail=0", Map.of())).isEqualTo(401);
    }

    @Test
    void noOtherEndpointTakesTheTokenAsAQueryParameter() throws Exception {
        for (String uri : List.of("/status", "/logs", "/services", "/logs/content?path=logs/x.log", "/logs/followers")) {
            String separator = uri.contains("?") ? "&" : "?";
            assertThat(statusOf(uri + separator + "token=" + TOKEN, Map.of())).as(uri).isEqualTo(401);
        }
    }
}
