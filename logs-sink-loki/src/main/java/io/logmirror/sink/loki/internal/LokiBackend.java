package io.logmirror.sink.loki.internal;

import io.logmirror.core.sink.SinkBackend;
import io.logmirror.core.sink.SinkLine;
import io.logmirror.sink.loki.LokiSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** {@link io.logmirror.sink.loki.LokiSink#backend}: one HTTP POST per batch with the JDK's client. */
public final class LokiBackend implements SinkBackend {

    private static final int MAX_DETAIL = 300;

    private final LokiSettings settings;
    private final URI push;
    private final PushEncoder encoder;
    private final HttpClient client;

    public LokiBackend(LokiSettings settings) {
        this.settings = settings;
        this.push = settings.pushUri();
        this.encoder = new PushEncoder(settings.cluster());
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .build();
    }

    @Override
    public String name() {
        return "loki";
    }

    @Override
    public long sizeOf(SinkLine line) {
        return line.line().bytes().length + 40L;   // the JSON around a line: timestamp, quotes, brackets
    }

    @Override
    public Result send(List<SinkLine> batch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(push)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(encoder.encode(batch)));
        settings.tenant().ifPresent(tenant -> request.header("X-Scope-OrgID", tenant));
        settings.bearerToken().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        if (settings.username().isPresent()) {
            String pair = settings.username().get() + ":" + settings.password().orElse("");
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return answer(response.statusCode(), response.body());
    }

    /** What Loki's status code means for the batch. */
    static Result answer(int status, String body) {
        if (status >= 200 && status < 300) {
            return Result.accepted();
        }
        String detail = "Loki answered " + status + ": " + shorten(body);
        if (status == 429 || status >= 500 || status == 401 || status == 403 || status == 404 || status == 408) {
            return Result.retry(detail);  // overload, outage, or a setting being fixed: the lines must not be lost
        }
        return Result.rejected(detail);
    }

    private static String shorten(String body) {
        String line = body.strip().replace('\n', ' ');
        return line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL) + "..." : line;
    }
}
