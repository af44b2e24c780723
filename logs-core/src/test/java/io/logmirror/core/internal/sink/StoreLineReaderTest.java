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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoreLineReaderTest {

    @TempDir
    Path temp;

    private Path remote;
    private LogMirror mirror;
    private final List<LogLine> lines = new ArrayList<>();

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
    void splitsOnNewlineAndCarriageReturnNewlineButNotOnALoneCarriageReturn() throws Exception {
        LogEntry entry = file("a\r\nprogress 10%\rprogress 100%\n\nlast\n");

        StoreLineReader.End end = read(entry, 0, 1, false, false, 256);

        assertThat(lines).extracting(LogLine::text).containsExactly("a", "progress 10%\rprogress 100%", "", "last");
        assertThat(lines).extracting(LogLine::offset).containsExactly(0L, 3L, 30L, 31L);
        assertThat(lines).extracting(LogLine::lineNumber).containsExactly(1L, 2L, 3L, 4L);
        assertThat(end).isEqualTo(new StoreLineReader.End(entry.size(), 5));
    }

    @Test
    void holdsBackAPartialLastLineUnlessAskedToFlushIt() throws Exception {
        LogEntry entry = file("one\ntw");

        StoreLineReader.End held = read(entry, 0, 1, false, false, 256);
        assertThat(lines).extracting(LogLine::text).containsExactly("one");
        assertThat(held).isEqualTo(new StoreLineReader.End(4, 2));

        lines.clear();
        StoreLineReader.End flushed = read(entry, 4, 2, false, true, 256);
        assertThat(lines).extracting(LogLine::text).containsExactly("tw");
        assertThat(flushed.offset()).isEqualTo(6);
    }

    @Test
    void skipsTheLineEndOfTheLineBeforeWhenStartingJustAfterItsBytes() throws Exception {
        LogEntry entry = file("one\r\ntwo\n");

        read(entry, 3, 2, true, false, 256);   // 3 is the end of "one"'s bytes, before its \r\n

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.text()).isEqualTo("two");
            assertThat(line.offset()).isEqualTo(5);
        });
    }

    @Test
    void cutsALongLineIntoPiecesWithTheSameLineNumber() throws Exception {
        LogEntry entry = file("x".repeat(600) + "\nshort\n");

        read(entry, 0, 1, false, false, 256);

        assertThat(lines).extracting(l -> l.bytes().length).containsExactly(256, 256, 88, 5);
        assertThat(lines).extracting(LogLine::continues).containsExactly(true, true, false, false);
        assertThat(lines).extracting(LogLine::lineNumber).containsExactly(1L, 1L, 1L, 2L);
        assertThat(lines).extracting(LogLine::offset).containsExactly(0L, 256L, 512L, 601L);
    }

    private LogEntry file(String text) throws Exception {
        Files.writeString(remote.resolve("f.log"), text);
        mirror.syncNow();
        return mirror.store().find(LogPath.of("f.log")).orElseThrow();
    }

    private StoreLineReader.End read(LogEntry entry, long from, long number, boolean skip, boolean flush, int max)
            throws Exception {
        return new StoreLineReader(mirror.store(), max).read(entry, from, number, skip, entry.size(), flush,
                (line, next, nextNumber) -> lines.add(line));
    }
}
