package io.logmirror.app;

import io.logmirror.app.config.VariableSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service started in this JVM on a free port with fixed variables (and beans such as a {@code FakeRemote}
 * standing in for the remote), called over real HTTP with the JDK's client. One per test; close it after.
 */
public final class RunningService implements AutoCloseable {

    private final HttpClient http = HttpClient.newHttpClient();
    private final EmbeddedServer server;
    private final JsonMapper json;

    private RunningService(EmbeddedServer server) {
        this.server = server;
        this.json = server.getApplicationContext().getBean(JsonMapper.class);
    }

    /** Starts the service with {@code variables} as its environment and {@code beans} registered before start. */
    public static RunningService start(Map<String, String> variables, Object... beans) {
        ApplicationContext context = ApplicationContext.builder()
                .singletons((VariableSource) () -> variables)
                .singletons(beans)
                .properties(Map.of("micronaut.server.port", -1))
                .start();
        return new RunningService(context.getBean(EmbeddedServer.class).start());
    }

    /** The running application context, to look at its beans. */
    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** {@code GET path}, whatever the status. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET path} as bytes, whatever the status. */
    public HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** {@code POST /sync/trigger}, which must answer 200; its JSON. */
    public JsonNode trigger() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("/sync/trigger").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST /sync/trigger: " + response.body()).isEqualTo(200);
        return json(response.body());
    }

    /** {@code GET path}, which must answer {@code expectedStatus}; its JSON. */
    public JsonNode json(String path, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expectedStatus);
        return json(response.body());
    }

    /** {@code text} parsed as JSON. */
    public JsonNode json(String text) throws IOException {
        return json.readValue(text, JsonNode.class);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.getURL() + path));
    }

    /**
     * Closes each resource in the order given, each even when one before failed (the first failure is thrown, the
     * others added to it); nulls, for what a test did not get to open, are skipped. Close the service first, then
     * what it used (a fake cluster, a small disk).
     */
    public static void closeInOrder(AutoCloseable... resources) throws Exception {
        closeFrom(resources, 0);
    }

    private static void closeFrom(AutoCloseable[] resources, int index) throws Exception {
        if (index == resources.length) {
            return;
        }
        // try-with-resources closes the rest even when this one fails, and adds their failures to its own.
        try (AutoCloseable rest = () -> closeFrom(resources, index + 1)) {
            if (resources[index] != null) {
                resources[index].close();
            }
        }
    }

    /** Stops the server and closes the application context (and with it the mirror). */
    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
