package io.logmirror.core.internal.sink;

import io.logmirror.core.LocalDirectorySource;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogPath;
import io.logmirror.core.feed.LogLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ParsedTimeAnnotatorTest {

    private static final Instant ARRIVAL = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path temp;

    private Path remote;
    private LogMirror mirror;

    @BeforeEach
    void open() throws IOException {
        remote = Files.createDirectories(temp.resolve("remote"));
        mirror = LogMirror.open(LogMirrorConfig.builder(temp.resolve("data"), LocalDirectorySource.of(remote)).build());
    }

    @AfterEach
    void close() throws IOException {
        mirror.close();
    }

    @Test
    void stampsALineWithItsOwnTimeThenTheLineBeforesThenItsArrival() throws Exception {
        Files.writeString(remote.resolve("server.log"),
                "2025-03-04 05:06:07,123 ERROR boom\n  at trace\n");
        Files.writeString(remote.resolve("plain.log"), "no time here\n");
        mirror.syncNow();
        ParsedTimeAnnotator annotator = new ParsedTimeAnnotator(mirror.store(), ZoneOffset.UTC);

        Instant own = annotator.annotate(line("server.log", 0, "2025-03-04 05:06:07,123 ERROR boom"), ARRIVAL).time();
        Instant inherited = annotator.annotate(line("server.log", 35, "  at trace"), ARRIVAL).time();
        Instant arrival = annotator.annotate(line("plain.log", 0, "no time here"), ARRIVAL).time();

        assertThat(own).isEqualTo(Instant.parse("2025-03-04T05:06:07.123Z"));
        assertThat(inherited).isEqualTo(own);
        assertThat(arrival).isEqualTo(ARRIVAL);
    }

    private LogLine line(String path, long offset, String text) {
        LogEntry entry = mirror.store().find(LogPath.of(path)).orElseThrow();
        return new LogLine(entry.path(), entry.category(), offset, 1, text.getBytes(StandardCharsets.UTF_8), false, 1);
    }
}
