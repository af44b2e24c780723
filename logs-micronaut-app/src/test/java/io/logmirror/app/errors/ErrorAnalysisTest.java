package io.logmirror.app.errors;

import io.logmirror.app.TestHttp;
import io.logmirror.app.config.AppSettings;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogPath;
import io.logmirror.fakecluster.FakeRemote;
import io.logmirror.patterns.ErrorGroup;
import io.logmirror.patterns.ErrorQuery;
import io.logmirror.patterns.FileSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorAnalysisTest {

    static final LogPath FILE = LogPath.of("orchestrator_job-77.err");

    private final FakeRemote remote = FakeRemote.create();
    private Path data;
    private LogMirror mirror;
    private AppSettings settings;

    @BeforeEach
    void openMirror() throws Exception {
        data = TestHttp.tempDir("error-analysis");
        settings = AppSettings.from(Map.of("DATA_DIR", data.toString(), "LOGS_MODE", "offline"));
        mirror = LogMirror.open(LogMirrorConfig.builder(data, remote).build());
    }

    @AfterEach
    void closeMirror() throws Exception {
        mirror.close();
    }

    private ErrorAnalysis started() throws InterruptedException {
        ErrorAnalysis analysis = new ErrorAnalysis(mirror, settings);
        analysis.start();
        await("the start-up scan", analysis::ready);
        return analysis;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static long lines(ErrorAnalysis analysis) {
        return analysis.analysis().file(FILE).map(FileSummary::lines).orElse(0L);
    }

    private static long errors(ErrorAnalysis analysis) {
        return analysis.analysis().file(FILE).map(FileSummary::errorCount).orElse(0L);
    }

    @Test
    void aTracebackSplitAcrossTwoSyncsIsOneEvent() throws Exception {
        ErrorAnalysis analysis = started();
        try {
            remote.write(FILE.toString(), "starting\nTraceback (most recent call last):\n  File \"/home/u/run.py\", line 12, in <module>\n");
            mirror.syncNow();
            await("the first part", () -> lines(analysis) == 3);
            remote.append(FILE.toString(), "    main()\nKeyError: 'model_3'\ndone\n");
            mirror.syncNow();
            await("the second part", () -> lines(analysis) == 6);

            List<ErrorGroup> groups = analysis.analysis().errors(ErrorQuery.all().path(FILE));
            assertThat(groups).hasSize(1);
            assertThat(groups.get(0).kind()).isEqualTo("python-traceback");
            assertThat(groups.get(0).count()).isEqualTo(1);
            assertThat(groups.get(0).example()).isEqualTo("KeyError: 'model_3'");
            assertThat(groups.get(0).samples().get(0).lineNumber()).isEqualTo(2);
            assertThat(groups.get(0).samples().get(0).offset()).isEqualTo("starting\n".length());
        } finally {
            analysis.close();
        }
    }

    @Test
    void filesMirroredBeforeStartAreReadAndARestartCountsNothingTwice() throws Exception {
        remote.write(FILE.toString(), "ERROR boom 1\nfine\nERROR boom 2\nERROR boom 3\n");
        mirror.syncNow();
        ErrorAnalysis first = started();
        assertThat(errors(first)).isEqualTo(3);
        remote.append(FILE.toString(), "ERROR boom 4\n");
        mirror.syncNow();
        await("the appended error", () -> errors(first) == 4);
        first.close();
        assertThat(data.resolve(ErrorAnalysis.FOLDER).resolve("patterns.tsv")).exists();

        ErrorAnalysis second = started();
        try {
            assertThat(errors(second)).isEqualTo(4);
            assertThat(lines(second)).isEqualTo(5);
            // The pattern learned before the restart is the one the same lines find now.
            assertThat(Files.readString(data.resolve(ErrorAnalysis.FOLDER).resolve("patterns.tsv"))).contains("ERROR boom <*>");
            assertThat(second.analysis().errors(ErrorQuery.all().path(FILE)).get(0).count()).isEqualTo(4);
        } finally {
            second.close();
        }
    }

    @Test
    void aRewrittenFileIsCountedAfresh() throws Exception {
        remote.write(FILE.toString(), "ERROR a 1\nERROR a 2\nERROR a 3\n");
        mirror.syncNow();
        ErrorAnalysis analysis = started();
        try {
            assertThat(errors(analysis)).isEqualTo(3);
            remote.rewrite(FILE.toString(), "ERROR b 1\n");
            mirror.syncNow();
            await("the rewrite", () -> errors(analysis) == 1 && lines(analysis) == 1);
        } finally {
            analysis.close();
        }
    }

    @Test
    void aLastLineWithoutItsNewlineWaitsForIt() throws Exception {
        remote.write(FILE.toString(), "ERROR one\nERROR tw");
        mirror.syncNow();
        ErrorAnalysis analysis = started();
        try {
            assertThat(lines(analysis)).isEqualTo(1);
            remote.append(FILE.toString(), "o\n");
            mirror.syncNow();
            await("the completed line", () -> lines(analysis) == 2);
            assertThat(errors(analysis)).isEqualTo(2);
        } finally {
            analysis.close();
        }
    }
}
