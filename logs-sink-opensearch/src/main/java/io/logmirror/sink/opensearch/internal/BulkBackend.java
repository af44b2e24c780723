package io.logmirror.sink.opensearch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logmirror.core.sink.SinkBackend;
import io.logmirror.core.sink.SinkLine;
import io.logmirror.sink.opensearch.OpenSearchSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@link io.logmirror.sink.opensearch.OpenSearchSink#backend}: the template once, then one bulk request per batch. */
public final class BulkBackend implements SinkBackend {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Only what the answer needs: whether anything failed, and each item's status and error type. */
    private static final String BULK = "/_bulk?filter_path=errors,items.*.status,items.*.error.type,items.*.error.reason";

    private final OpenSearchSettings settings;
    private final Http http;
    private final Documents documents;
    private volatile boolean templateInstalled;

    public BulkBackend(OpenSearchSettings settings) {
        this.settings = settings;
        this.http = new Http(settings);
        this.documents = new Documents(settings.cluster(), settings.indexPrefix());
    }

    @Override
    public String name() {
        return "opensearch";
    }

    @Override
    public long sizeOf(SinkLine line) {
        return line.line().bytes().length + 300L;   // the action line and the other fields
    }

    @Override
    public Result send(List<SinkLine> batch) throws IOException, InterruptedException {
        if (!templateInstalled) {
            Http.Response answer = http.send("PUT", "/_index_template/" + settings.indexPrefix(), "application/json",
                    IndexTemplate.json(settings.indexPrefix()).getBytes(StandardCharsets.UTF_8));
            if (answer.status() / 100 != 2) {
                return Result.retry("OpenSearch refused the index template (" + answer.status() + "): "
                        + Http.shorten(answer.body()));
            }
            templateInstalled = true;
        }
        Http.Response answer = http.send("POST", BULK, "application/x-ndjson", documents.bulkBody(batch));
        return answer(answer.status(), answer.body());
    }

    /** What a bulk answer means for the batch. */
    static Result answer(int status, String body) throws IOException {
        if (status == 429 || status >= 500 || status == 401 || status == 403 || status == 404 || status == 408) {
            return Result.retry("OpenSearch answered " + status + ": " + Http.shorten(body));
        }
        if (status / 100 != 2) {
            return Result.rejected("OpenSearch answered " + status + ": " + Http.shorten(body));
        }
        JsonNode root = JSON.readTree(body);
        if (!root.path("errors").asBoolean(false)) {
            return Result.accepted();
        }
        int refused = 0;
        String firstRefusal = "";
        for (JsonNode item : root.path("items")) {
            JsonNode result = item.elements().hasNext() ? item.elements().next() : item;
            int itemStatus = result.path("status").asInt(200);
            if (itemStatus == 429 || itemStatus >= 500) {
                return Result.retry("OpenSearch could not index a line now (" + itemStatus + " "
                        + result.path("error").path("type").asText() + "); resending the batch");
            }
            if (itemStatus / 100 != 2) {
                if (refused++ == 0) {
                    firstRefusal = itemStatus + " " + result.path("error").path("type").asText() + ": "
                            + result.path("error").path("reason").asText();
                }
            }
        }
        return refused == 0 ? Result.accepted()
                : Result.partlyAccepted(refused, "OpenSearch refused " + refused + " lines, first: " + firstRefusal);
    }
}
