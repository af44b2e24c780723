package io.logmirror.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for the HTTP tests: answers of any status, and the keys of a JSON object in wire order. */
public final class TestHttp {

    private static final JsonFactory JSON = new JsonFactory();

    private TestHttp() {
    }

    /** The answer to {@code request}, whatever its status (the blocking client throws for 4xx and 5xx). */
    public static HttpResponse<String> exchange(BlockingHttpClient client, HttpRequest<?> request) {
        try {
            return client.exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> response = (HttpResponse<String>) e.getResponse();
            return response;
        }
    }

    /** The body of an answer as text; empty for no body. */
    public static String body(HttpResponse<?> response) {
        return response.getBody(String.class).orElse("");
    }

    /** The keys of the top-level JSON object {@code json}, in the order they were written. */
    public static List<String> keys(String json) {
        return keysAt(json, List.of());
    }

    /** The keys of the JSON object found by following {@code path} (object keys) from the top. */
    public static List<String> keysAt(String json, List<String> path) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new AssertionError("not a JSON object: " + json);
            }
            for (String step : path) {
                boolean found = false;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (name.equals(step)) {
                        if (value != JsonToken.START_OBJECT) {
                            throw new AssertionError(step + " is not an object in " + json);
                        }
                        found = true;
                        break;
                    }
                    parser.skipChildren();
                }
                if (!found) {
                    throw new AssertionError("no key " + step + " in " + json);
                }
            }
            List<String> keys = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                keys.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new empty folder under the system's temporary folder, deleted when the JVM exits. */
    public static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
