package io.logmirror.app.errors;

import io.logmirror.app.TestHttp;
import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogPath;
import io.logmirror.core.feed.LogLine;
import io.logmirror.fakecluster.FakeRemote;
import io.logmirror.patterns.AnalysisConfig;
import io.logmirror.patterns.ErrorGroup;
import io.logmirror.patterns.ErrorQuery;
import io.logmirror.patterns.FileSummary;
import io.logmirror.patterns.LogAnalysis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FileFeederTest {

    static final LogPath FILE = LogPath.of("run.log");
    static final Instant NOW = Instant.parse("2026-12-08T00:00:00Z");

    private final FakeRemote remote = FakeRemote.create();
    private LogMirror mirror;
    private LogAnalysis analysis;
    private FileFeeder feeder;

    @BeforeEach
    void open() throws Exception {
        mirror = LogMirror.open(LogMirrorConfig.builder(TestHttp.tempDir("file-feeder"), remote).build());
        analysis = LogAnalysis.open(AnalysisConfig.defaults());
        feeder = new FileFeeder(mirror.store(), analysis, ZoneOffset.UTC, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() throws Exception {
        analysis.close();
        mirror.close();
    }

    private LogEntry synced(String text) throws Exception {
        remote.write(FILE.toString(), text);
        mirror.syncNow();
        return mirror.store().find(FILE).orElseThrow();
    }

    private long lines() {
        return analysis.file(FILE).map(FileSummary::lines).orElse(0L);
    }

    private List<ErrorGroup> groups() {
        return analysis.errors(ErrorQuery.all().path(FILE));
    }

    @Test
    void crLfLinesLoseTheirCarriageReturnAndKeepTheirOffsets() throws Exception {
        feeder.scan(synced("starting\r\nERROR disk 1 failed\r\n"));
        assertThat(lines()).isEqualTo(2);
        ErrorGroup group = groups().get(0);
        assertThat(group.example()).isEqualTo("ERROR disk 1 failed");
        assertThat(group.samples().get(0).lineNumber()).isEqualTo(2);
        assertThat(group.samples().get(0).offset()).isEqualTo("starting\r\n".length());
    }

    @Test
    void aLineLongerThanTheLimitCountsOnceAndTheNextKeepsItsOffset() throws Exception {
        String longLine = "x".repeat(FileFeeder.MAX_LINE_BYTES + 10_000);
        feeder.scan(synced(longLine + "\nERROR after the long line\n"));
        assertThat(lines()).isEqualTo(2);
        assertThat(groups().get(0).samples().get(0).offset()).isEqualTo(longLine.length() + 1);
    }

    @Test
    void scanningAgainCountsNothingTwice() throws Exception {
        LogEntry entry = synced("ERROR a 1\nERROR a 2\n");
        feeder.scan(entry);
        feeder.scan(entry);
        assertThat(feeder.scanAll(() -> false)).isEqualTo(1);
        assertThat(lines()).isEqualTo(2);
        assertThat(groups().get(0).count()).isEqualTo(2);
    }

    @Test
    void feedLinesAlreadyReadFromTheStoreAreIgnoredAndNewOnesCount() throws Exception {
        feeder.scan(synced("ERROR a 1\n"));
        byte[] first = "ERROR a 1".getBytes(StandardCharsets.UTF_8);
        feeder.onLine(new LogLine(FILE, Category.UNCATEGORIZED, 0, 1, first, false, 1));
        assertThat(groups().get(0).count()).isEqualTo(1);
        byte[] second = "ERROR a 2".getBytes(StandardCharsets.UTF_8);
        feeder.onLine(new LogLine(FILE, Category.UNCATEGORIZED, first.length + 1, 2, second, false, 2));
        assertThat(groups().get(0).count()).isEqualTo(2);
        assertThat(lines()).isEqualTo(2);
    }

    @Test
    void aLineIsDatedByItsOwnTimeElseByTheFeedsClock() throws Exception {
        feeder.scan(synced("2026-12-07T10:00:00Z ERROR planted\n"));
        assertThat(groups().get(0).firstSeen()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
        LogPath other = LogPath.of("plain.log");
        feeder.onLine(new LogLine(other, Category.UNCATEGORIZED, 0, 1, "ERROR no time here".getBytes(StandardCharsets.UTF_8),
                false, 1));
        assertThat(analysis.errors(ErrorQuery.all().path(other)).get(0).firstSeen()).isEqualTo(NOW);
    }

    @Test
    void aReplacedFileIsCountedAfresh() throws Exception {
        LogEntry entry = synced("ERROR a 1\nERROR a 2\n");
        feeder.scan(entry);
        feeder.onReplaced(entry, entry);
        assertThat(lines()).isZero();
        feeder.onLine(new LogLine(FILE, Category.UNCATEGORIZED, 0, 1, "ERROR b".getBytes(StandardCharsets.UTF_8), false, 3));
        assertThat(lines()).isEqualTo(1);
    }

}
