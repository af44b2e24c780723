package io.logmirror.sink.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for Loki's push endpoint on 127.0.0.1, port 0: answers each push from a script (204 once the script is
 * used up), and records every request and every entry of the pushes it answered with 2xx. It checks the request the
 * way Loki documents it: POST to /loki/api/v1/push, JSON, gzip when Content-Encoding says so.
 */
final class LokiReceiver implements AutoCloseable {

    /** One log entry Loki would have stored. */
    record Entry(Map<String, String> labels, String nanos, String line, Map<String, String> metadata) { }

    /** One request as received. */
    record Request(String method, String path, Map<String, List<String>> headers, int answered) { }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Deque<Integer> script = new ArrayDeque<>();
    private final List<Entry> stored = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger storedRequests = new AtomicInteger();
    private final AtomicInteger storeThenFail = new AtomicInteger();
    private volatile boolean down;

    LokiReceiver() throws IOException {
        this(0);
    }

    /** On a given port, to come back where a sink expects it after an outage. */
    LokiReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The next answers, in order. */
    synchronized void script(Integer... statuses) {
        script.addAll(List.of(statuses));
    }

    /** Answers 500 to the next {@code times} pushes after storing them, like a Loki that fails after writing. */
    void storeThenFail(int times) {
        storeThenFail.set(times);
    }

    /** While down, every push is answered 503. */
    void down(boolean down) {
        this.down = down;
    }

    List<Entry> stored() {
        return new ArrayList<>(stored);
    }

    List<String> storedLines() {
        return stored.stream().map(Entry::line).toList();
    }

    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    private synchronized int nextStatus() {
        if (down) {
            return 503;
        }
        Integer next = script.poll();
        return next == null ? 204 : next;
    }

    private void handle(HttpExchange exchange) throws IOException {
        int status;
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            boolean valid = exchange.getRequestMethod().equals("POST")
                    && exchange.getRequestURI().getPath().equals("/loki/api/v1/push")
                    && "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"));
            status = valid ? nextStatus() : 404;
            List<Entry> entries = new ArrayList<>();
            if (valid && status / 100 == 2) {
                try {
                    entries = parse(body, "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding")));
                } catch (IOException e) {
                    status = 400;
                }
            }
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), status));
            if (status / 100 == 2) {
                stored.addAll(entries);
                storedRequests.incrementAndGet();
                if (storeThenFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    status = 500;
                }
            }
            byte[] answer = status == 204 ? new byte[0] : ("scripted " + status).getBytes();
            exchange.sendResponseHeaders(status, status == 204 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    private static List<Entry> parse(byte[] body, boolean gzip) throws IOException {
        JsonNode root;
        if (gzip) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                root = JSON.readTree(in);
            }
        } else {
            root = JSON.readTree(body);
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode stream : root.required("streams")) {
            Map<String, String> labels = JSON.convertValue(stream.required("stream"), Map.class);
            for (JsonNode value : stream.required("values")) {
                Map<String, String> metadata = value.size() > 2 ? JSON.convertValue(value.get(2), Map.class) : Map.of();
                entries.add(new Entry(labels, value.get(0).asText(), value.get(1).asText(), metadata));
            }
        }
        return entries;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
