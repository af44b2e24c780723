package io.logmirror.app.http;

import io.logmirror.app.config.VariableSource;
import io.logmirror.core.LogMirror;
import io.logmirror.core.RemoteSource;
import io.logmirror.fakecluster.FakeRemote;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.nio.file.Path;
import java.util.Map;

/**
 * The set-up the HTTP tests share: the application in demo mode on a data folder of its own, mirroring a
 * {@link FakeRemote}, with a sync interval so long that only the test starts syncs. Each subclass is still its
 * own {@code @MicronautTest}: its own context, its own server on port 0, its own folder and remote.
 */
public abstract class DemoAppTest {

    private final Path data;
    private final FakeRemote fake;

    /**
     * A client of this test's server, made before each test. Not injected: the {@code @Context} beans (metrics) are
     * built when the context starts, they need the engine, the engine needs this instance's replacement beans, and an
     * injected {@code @Client("/")} would ask the server for its port before it has one.
     */
    protected HttpClient http;

    @Inject
    private EmbeddedServer embeddedServer;

    @Inject
    protected ApplicationContext context;

    @Inject
    protected JsonMapper json;

    protected DemoAppTest(Path data, FakeRemote fake) {
        this.data = data;
        this.fake = fake;
    }

    /** Looked up, not injected: the test instance makes the replacement beans, which the engine needs. */
    protected LogMirror mirror() {
        return context.getBean(LogMirror.class);
    }

    @BeforeEach
    void openClient() {
        http = context.createBean(HttpClient.class, embeddedServer.getURL());
    }

    @AfterEach
    void closeClient() {
        if (http != null) {
            http.close();
        }
    }

    protected BlockingHttpClient client() {
        return http.toBlocking();
    }

    @MockBean(VariableSource.class)
    VariableSource variables() {
        return () -> Map.of("DATA_DIR", data.toString(), "LOGS_MODE", "demo", "SYNC_INTERVAL", "3600");
    }

    @MockBean(RemoteSource.class)
    RemoteSource remote() {
        return fake;
    }
}
