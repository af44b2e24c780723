package io.logmirror.sink.loki.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import io.logmirror.core.feed.LogLine;
import io.logmirror.core.sink.SinkLine;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class PushEncoderTest {

    private static final Instant TIME = Instant.parse("2025-03-04T05:06:07.000000123Z");

    @Test
    void groupsLinesIntoOneStreamPerFileWithNanosecondTimestamps() throws Exception {
        JsonNode body = decode(List.of(line("slurm-7.out", "a"), line("server.log", "b"), line("slurm-7.out", "c")));

        JsonNode streams = body.get("streams");
        assertThat(streams).hasSize(2);
        assertThat(streams.get(0).get("stream").get("filename").asText()).isEqualTo("slurm-7.out");
        assertThat(streams.get(0).get("stream").get("job").asText()).isEqualTo("7");
        assertThat(streams.get(0).get("stream").get("service").asText()).isEqualTo("slurm");
        assertThat(streams.get(0).get("stream").get("cluster").asText()).isEqualTo("c1");
        assertThat(streams.get(0).get("values")).hasSize(2);
        assertThat(streams.get(0).get("values").get(0).get(0).asText()).isEqualTo("1741064767000000123");
        assertThat(streams.get(1).get("stream").has("job")).isFalse();
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() throws Exception {
        String text = "say \"hi\" \\ tab\t bell\u0007 é";

        JsonNode body = decode(List.of(line("a.log", text)));

        assertThat(body.get("streams").get(0).get("values").get(0).get(1).asText()).isEqualTo(text);
    }

    @Test
    void replacesBytesThatAreNotUtf8WithTheReplacementCharacter() throws Exception {
        LogLine raw = new LogLine(LogPath.of("a.log"), Category.SERVER, 0, 1, new byte[] {'o', 'k', (byte) 0xff}, false, 1);

        JsonNode body = decode(List.of(SinkLine.of(raw, TIME)));

        assertThat(body.get("streams").get(0).get("values").get(0).get(1).asText()).isEqualTo("ok\uFFFD");
    }

    @Test
    void writesLevelAndPatternAsStructuredMetadataOnlyWhenKnown() throws Exception {
        LogLine raw = new LogLine(LogPath.of("a.log"), Category.SERVER, 0, 1, "x".getBytes(), false, 1);
        SinkLine known = new SinkLine(raw, TIME, Optional.of("error"), Optional.of("p-12"));

        JsonNode values = decode(List.of(known, SinkLine.of(raw, TIME))).get("streams").get(0).get("values");

        assertThat(values.get(0).get(2).get("level").asText()).isEqualTo("error");
        assertThat(values.get(0).get(2).get("pattern").asText()).isEqualTo("p-12");
        assertThat(values.get(1)).hasSize(2);
    }

    @Test
    void writesSecondsAndNanosecondsOfAnyInstant() {
        assertThat(PushEncoder.nanos(Instant.ofEpochSecond(1, 5))).isEqualTo("1000000005");
        assertThat(PushEncoder.nanos(Instant.ofEpochSecond(0, 5))).isEqualTo("5");
    }

    private static SinkLine line(String path, String text) {
        LogPath logPath = LogPath.of(path);
        Category category = path.startsWith("slurm") ? Category.SLURM : Category.SERVER;
        return SinkLine.of(new LogLine(logPath, category, 0, 1, text.getBytes(StandardCharsets.UTF_8), false, 1), TIME);
    }

    private static JsonNode decode(List<SinkLine> batch) throws Exception {
        byte[] gzip = new PushEncoder("c1").encode(batch);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new ObjectMapper().readTree(in);
        }
    }
}
