package io.logmirror.app.http;

import io.logmirror.app.TestHttp;
import io.logmirror.categorizer.RuleCategorizer;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogPath;
import io.logmirror.fakecluster.FakeRemote;
import io.logmirror.patterns.AnalysisConfig;
import io.logmirror.patterns.ErrorQuery;
import io.logmirror.patterns.LogAnalysis;
import io.logmirror.patterns.LogLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnalysisBodiesTest {

    private final FakeRemote remote = FakeRemote.create();
    private LogMirror mirror;
    private LogAnalysis analysis;
    private AnalysisBodies bodies;

    @BeforeEach
    void open() throws Exception {
        remote.write("slurm-12.out", "srun: error: mel2041: task 0: Exited with exit code 3\n");
        mirror = LogMirror.open(LogMirrorConfig.builder(TestHttp.tempDir("analysis-bodies"), remote)
                .categorizer(RuleCategorizer.defaults()).build());
        mirror.syncNow();
        analysis = LogAnalysis.open(AnalysisConfig.defaults());
        bodies = new AnalysisBodies(mirror.store(), analysis);
    }

    @AfterEach
    void close() throws Exception {
        analysis.close();
        mirror.close();
    }

    @Test
    void aMirroredFileIsLinkedInItsCategoryAndAnotherInTheLogsForm() {
        assertThat(bodies.contentPath(LogPath.of("slurm-12.out"))).isEqualTo("categorized/slurm/slurm-12.out");
        assertThat(bodies.contentPath(LogPath.of("gone/old.log"))).isEqualTo("logs/gone/old.log");
    }

    @Test
    void aJobCarriesItsExitCodeFirstErrorAndFiles() {
        analysis.acceptAll(LogLine.of(LogPath.of("slurm-12.out"),
                List.of("srun: error: mel2041: task 0: Exited with exit code 3"), Instant.parse("2026-12-07T10:00:00Z")));
        var job = bodies.job(analysis.job("12").orElseThrow().job());
        assertThat(job.exitCode()).isEqualTo(3);
        assertThat(job.state()).isEqualTo("failed");
        assertThat(job.fileCount()).isEqualTo(1);
        assertThat(job.firstError().path()).isEqualTo("categorized/slurm/slurm-12.out");
        var report = bodies.report(analysis.job("12").orElseThrow(), true);
        assertThat(report.files().get(0).errorCount()).isEqualTo(1);
        var group = bodies.group(analysis.errors(ErrorQuery.all()).get(0));
        assertThat(group.kind()).isEqualTo("srun-exit-code");
        assertThat(group.samples().get(0).lineNumber()).isEqualTo(1);
    }
}
