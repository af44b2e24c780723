package io.logmirror.sink.opensearch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logmirror.sink.opensearch.OpenSearchLogSearch;
import io.logmirror.sink.opensearch.OpenSearchSettings;
import io.logmirror.sink.opensearch.SearchRequest;
import io.logmirror.sink.opensearch.SearchResult;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link io.logmirror.sink.opensearch.OpenSearchSink#search}: one {@code _search} over {@code <prefix>-*}. */
public final class SearchClient implements OpenSearchLogSearch {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenSearchSettings settings;
    private final Http http;

    public SearchClient(OpenSearchSettings settings) {
        this.settings = settings;
        this.http = new Http(settings);
    }

    @Override
    public SearchResult search(SearchRequest request) throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(query(request, settings.cluster()));
        Http.Response answer = http.send("POST", "/" + settings.indexPrefix()
                + "-*/_search?ignore_unavailable=true&allow_no_indices=true", "application/json", body);
        if (answer.status() / 100 != 2) {
            throw new IOException("OpenSearch search at " + settings.url() + " failed with " + answer.status() + ": "
                    + Http.shorten(answer.body()));
        }
        return result(JSON.readTree(answer.body()));
    }

    static ObjectNode query(SearchRequest request, String cluster) {
        ObjectNode root = JSON.createObjectNode();
        root.put("size", request.limit());
        root.put("track_total_hits", true);
        ObjectNode bool = root.putObject("query").putObject("bool");
        ArrayNode filter = bool.putArray("filter");
        filter.addObject().putObject("term").put("cluster", cluster);
        request.text().ifPresent(text -> bool.putArray("must").addObject().putObject("match_phrase")
                .put("message", text));
        request.category().ifPresent(c -> filter.addObject().putObject("term").put("category", c));
        request.pathPrefix().ifPresent(p -> filter.addObject().putObject("prefix").put("path", p));
        request.level().ifPresent(l -> filter.addObject().putObject("term").put("level", l));
        request.jobId().ifPresent(j -> filter.addObject().putObject("term").put("job_id", j));
        if (request.since().isPresent() || request.until().isPresent()) {
            ObjectNode range = filter.addObject().putObject("range").putObject("time");
            request.since().ifPresent(s -> range.put("gte", s.toString()));
            request.until().ifPresent(u -> range.put("lt", u.toString()));
        }
        ArrayNode sort = root.putArray("sort");
        sort.addObject().put("time", "desc");
        sort.addObject().put("path", "asc");
        sort.addObject().put("offset", "asc");
        return root;
    }

    static SearchResult result(JsonNode root) {
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (JsonNode hit : root.path("hits").path("hits")) {
            JsonNode doc = hit.path("_source");
            hits.add(new SearchResult.Hit(doc.path("path").asText(), doc.path("category").asText(),
                    doc.path("line_number").asLong(), doc.path("offset").asLong(),
                    Instant.parse(doc.path("time").asText()), doc.path("message").asText(),
                    optional(doc, "level"), optional(doc, "job_id")));
        }
        return new SearchResult(hits, root.path("hits").path("total").path("value").asLong(hits.size()),
                root.path("took").asLong());
    }

    private static Optional<String> optional(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
