package io.logmirror.sink.opensearch.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.logmirror.core.feed.LogLine;
import io.logmirror.core.sink.JobIds;
import io.logmirror.core.sink.SinkLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/** Lines as OpenSearch documents: the bulk request body, the daily index and the deterministic id. */
final class Documents {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private static final JsonFactory JSON = new JsonFactory();

    private final String cluster;
    private final String prefix;

    Documents(String cluster, String prefix) {
        this.cluster = cluster;
        this.prefix = prefix;
    }

    /** The bulk API's NDJSON: an {@code index} action and the document, per line. */
    byte[] bulkBody(List<SinkLine> batch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(batch.size() * 400);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.setRootValueSeparator(null);
            for (SinkLine sinkLine : batch) {
                LogLine line = sinkLine.line();
                json.writeStartObject();
                json.writeObjectFieldStart("index");
                json.writeStringField("_index", index(sinkLine));
                json.writeStringField("_id", id(line));
                json.writeEndObject();
                json.writeEndObject();
                json.flush();
                out.write('\n');
                json.writeStartObject();
                json.writeStringField("time", sinkLine.time().toString());
                json.writeStringField("cluster", cluster);
                json.writeStringField("category", line.category().name());
                json.writeStringField("path", line.path().toString());
                json.writeNumberField("offset", line.offset());
                json.writeNumberField("line_number", line.lineNumber());
                if (sinkLine.level().isPresent()) {
                    json.writeStringField("level", sinkLine.level().get());
                }
                if (sinkLine.patternId().isPresent()) {
                    json.writeStringField("pattern", sinkLine.patternId().get());
                }
                var job = JobIds.of(line.path());
                if (job.isPresent()) {
                    json.writeStringField("job_id", job.get());
                }
                json.writeStringField("message", line.text());
                json.writeEndObject();
                json.flush();
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    String index(SinkLine line) {
        return prefix + "-" + DAY.format(line.time());
    }

    /**
     * The same line (cluster, path, offset, line number and bytes) always gets the same id, so that sending it again
     * overwrites the document instead of adding one; a rewritten file's different line at the same offset does not.
     */
    String id(LogLine line) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(cluster.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(line.path().toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(ByteBuffer.allocate(16).putLong(line.offset()).putLong(line.lineNumber()).array());
            sha.update(line.bytes());
            byte[] digest = sha.digest();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
