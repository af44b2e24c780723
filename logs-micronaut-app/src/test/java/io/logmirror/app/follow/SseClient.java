package io.logmirror.app.follow;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A server-sent events client on the JDK's HttpClient, for the tests: collects every event in order. */
final class SseClient implements AutoCloseable {

    record Received(String name, String id, String data) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final int status;
    final String body;
    final BlockingQueue<Received> events = new LinkedBlockingQueue<>();
    final AtomicInteger comments = new AtomicInteger();
    private final BufferedReader reader;
    private final java.io.InputStream stream;
    private final Thread thread;

    private SseClient(int status, String body, java.io.InputStream stream) {
        this(status, body, stream, true);
    }

    private SseClient(int status, String body, java.io.InputStream stream, boolean reading) {
        this.status = status;
        this.body = body;
        this.stream = stream;
        this.reader = stream == null ? null : new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        this.thread = stream == null ? null : new Thread(this::read, "sse-client");
        if (thread != null && reading) {
            thread.setDaemon(true);
            thread.start();
        }
    }

    static SseClient open(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        return open(uri, headers, true);
    }

    /** A client that reads nothing until {@link #startReading()}. */
    static SseClient openPaused(URI uri) throws IOException, InterruptedException {
        return open(uri, Map.of(), false);
    }

    void startReading() {
        thread.setDaemon(true);
        thread.start();
    }

    private static SseClient open(URI uri, Map<String, String> headers, boolean reading) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        HttpResponse<java.io.InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (var in = response.body()) {
                return new SseClient(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
            }
        }
        return new SseClient(200, "", response.body(), reading);
    }

    private void read() {
        String name = "message";
        String id = null;
        StringBuilder data = null;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Received(name, id, data.toString()));
                    }
                    name = "message";
                    id = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5);
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** The next event, waiting up to 20 s. */
    Received next() throws InterruptedException {
        Received received = events.poll(20, TimeUnit.SECONDS);
        if (received == null) {
            throw new AssertionError("no event within 20 s");
        }
        return received;
    }

    /** The next {@code n} events of kind {@code line} (other kinds are collected too and returned in order). */
    List<Received> next(int n) throws InterruptedException {
        List<Received> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(next());
        }
        return list;
    }

    /** Whether no event arrives within {@code millis}. */
    boolean quietFor(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS) == null;
    }

    @Override
    public void close() throws IOException {
        if (stream != null) {
            stream.close();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
