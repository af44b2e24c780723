package io.logmirror.sink.opensearch.internal;

import io.logmirror.sink.opensearch.OpenSearchSettings;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The JDK HTTP client with the settings' timeout and basic auth. */
final class Http {

    record Response(int status, String body) { }

    private final OpenSearchSettings settings;
    private final HttpClient client;
    private final Optional<String> authorization;

    Http(OpenSearchSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout()).build();
        this.authorization = settings.username().map(user -> "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + settings.password().orElse("")).getBytes(StandardCharsets.UTF_8)));
    }

    Response send(String method, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.resolve(path))
                .timeout(settings.timeout())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        authorization.ifPresent(a -> request.header("Authorization", a));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }

    static String shorten(String body) {
        String line = body.strip().replace('\n', ' ');
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
