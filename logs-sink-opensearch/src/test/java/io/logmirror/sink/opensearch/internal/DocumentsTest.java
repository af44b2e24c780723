package io.logmirror.sink.opensearch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import io.logmirror.core.feed.LogLine;
import io.logmirror.core.sink.SinkLine;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentsTest {

    private final Documents documents = new Documents("c1", "logs");

    @Test
    void givesTheSameLineTheSameIdAndADifferentLineAnother() {
        LogLine line = line(10, 2, "hello");

        assertThat(documents.id(line)).isEqualTo(documents.id(line(10, 2, "hello")));
        assertThat(documents.id(line)).isNotEqualTo(documents.id(line(10, 2, "other")));
        assertThat(documents.id(line)).isNotEqualTo(documents.id(line(11, 2, "hello")));
        assertThat(new Documents("c2", "logs").id(line)).isNotEqualTo(documents.id(line));
    }

    @Test
    void indexesByTheLineSDayInUtc() {
        SinkLine late = SinkLine.of(line(0, 1, "x"), Instant.parse("2025-12-31T23:59:59Z"));

        assertThat(documents.index(late)).isEqualTo("logs-2025.12.31");
    }

    @Test
    void writesAnActionAndADocumentPerLine() throws Exception {
        String body = new String(documents.bulkBody(List.of(SinkLine.of(line(4, 2, "a \"q\""),
                Instant.parse("2025-01-02T03:04:05Z")))), StandardCharsets.UTF_8);

        String[] lines = body.split("\n");
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(lines[0]).get("index").get("_index").asText()).isEqualTo("logs-2025.01.02");
        JsonNode doc = json.readTree(lines[1]);
        assertThat(doc.get("message").asText()).isEqualTo("a \"q\"");
        assertThat(doc.get("job_id").asText()).isEqualTo("9");
        assertThat(doc.get("offset").asLong()).isEqualTo(4);
        assertThat(doc.get("line_number").asLong()).isEqualTo(2);
        assertThat(doc.has("level")).isFalse();
        assertThat(body).endsWith("\n");
    }

    private static LogLine line(long offset, long number, String text) {
        return new LogLine(LogPath.of("slurm-9.out"), Category.SLURM, offset, number,
                text.getBytes(StandardCharsets.UTF_8), false, 1);
    }
}
