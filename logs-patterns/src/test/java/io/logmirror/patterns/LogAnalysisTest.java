package io.logmirror.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import io.logmirror.core.LogPath;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The hand-checked logs: every signature, in the right group, at the right line, with the right job state. */
class LogAnalysisTest {

    private final List<ErrorEvent> events = new ArrayList<>();

    private LogAnalysis analysis(Duration sinceLastLine) throws IOException {
        return LogAnalysis.open(AnalysisConfig.builder()
                .clock(Clock.fixed(Fixtures.T0.plus(sinceLastLine), ZoneOffset.UTC))
                .listener(events::add)
                .build());
    }

    private LogAnalysis fed(String... names) throws IOException {
        LogAnalysis analysis = analysis(Duration.ofHours(1));
        for (String name : names) {
            analysis.acceptAll(Fixtures.lines(name));
            analysis.endOfInput(LogPath.of(name));
        }
        return analysis;
    }

    private List<String> kindsAt(String file) {
        return events.stream().filter(e -> e.location().path().equals(LogPath.of(file)))
                .map(e -> e.location().lineNumber() + ":" + e.kind() + ":" + e.level().wireName())
                .collect(Collectors.toList());
    }

    @Test
    void findsTheVllmWarningsErrorsAndBothInterleavedWorkerTracebacksAsOneEventEach() throws IOException {
        try (LogAnalysis analysis = fed("vllm_0.log")) {
            assertThat(kindsAt("vllm_0.log")).containsExactly(
                    "5:level:warning",
                    "14:level:error",
                    "15:level:error",
                    "16:cuda-out-of-memory:error",
                    "17:cuda-out-of-memory:error",
                    "29:level:error",
                    "30:cuda-out-of-memory:error");
            ErrorEvent rank0 = events.get(3);
            assertThat(rank0.endLineNumber()).isEqualTo(27);
            assertThat(rank0.lines()).hasSize(7).allMatch(l -> l.startsWith("(VllmWorker rank=0 pid=31337)"));
            assertThat(rank0.message()).startsWith("torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 1.96 GiB. GPU 0");
            ErrorEvent rank1 = events.get(4);
            assertThat(rank1.endLineNumber()).isEqualTo(28);
            assertThat(rank1.lines()).hasSize(6).allMatch(l -> l.startsWith("(VllmWorker rank=1 pid=31338)"));
            assertThat(rank1.patternId()).isEqualTo(rank0.patternId());
            ErrorEvent engine = events.get(6);
            assertThat(engine.endLineNumber()).isEqualTo(36);
            assertThat(engine.message()).startsWith("RuntimeError: Worker failed with error 'CUDA out of memory.");
            assertThat(engine.lines()).hasSize(7);

            List<ErrorGroup> groups = analysis.errors(ErrorQuery.all().minLevel(Level.ERROR));
            assertThat(groups).extracting(ErrorGroup::kind, ErrorGroup::count)
                    .contains(org.assertj.core.groups.Tuple.tuple("cuda-out-of-memory", 2L),
                            org.assertj.core.groups.Tuple.tuple("level", 2L));
            ErrorGroup oom = groups.stream().filter(g -> g.patternId().equals(rank0.patternId())).findFirst().orElseThrow();
            assertThat(oom.samples()).containsExactly(new Location(LogPath.of("vllm_0.log"), 16, rank0.location().offset()),
                    new Location(LogPath.of("vllm_0.log"), 17, rank1.location().offset()));
            assertThat(analysis.file(LogPath.of("vllm_0.log")).orElseThrow())
                    .extracting(FileSummary::errorCount, FileSummary::warningCount, FileSummary::lines)
                    .containsExactly(6L, 1L, 37L);
        }
    }

    @Test
    void readsTheSlurmTimeLimitAndNcclErrors() throws IOException {
        try (LogAnalysis analysis = fed("slurm-4711.out")) {
            assertThat(kindsAt("slurm-4711.out")).containsExactly(
                    "9:nccl-error:error",
                    "10:level:warning",
                    "12:nccl-error:error",
                    "14:slurm-time-limit:error",
                    "15:slurm-time-limit:error");
            Job job = analysis.job("4711").orElseThrow().job();
            assertThat(job.state()).isEqualTo(JobState.TIME_LIMIT);
            assertThat(job.exitCode()).isEmpty();
            assertThat(job.firstError().orElseThrow().location().lineNumber()).isEqualTo(9);
            assertThat(job.stateEvidence().orElseThrow().location().lineNumber()).isEqualTo(14);
        }
    }

    @Test
    void keepsATracebackInterleavedWithLogRecordsAsOneEventAndReadsTheOutOfMemoryJob() throws IOException {
        try (LogAnalysis analysis = fed("vllm-replicas_4712.err")) {
            assertThat(kindsAt("vllm-replicas_4712.err")).containsExactly(
                    "10:level:warning",
                    "3:cuda-out-of-memory:error",
                    "14:level:error",
                    "15:srun-exit-code:error",
                    "16:oom-killer:error",
                    "17:oom-killer:error");
            ErrorEvent traceback = events.stream().filter(e -> e.location().lineNumber() == 3).findFirst().orElseThrow();
            assertThat(traceback.endLineNumber()).isEqualTo(13);
            assertThat(traceback.lines()).hasSize(9).noneMatch(l -> l.contains("launcher"));
            assertThat(traceback.job()).contains(JobState.OUT_OF_MEMORY);
            JobReport report = analysis.job("4712").orElseThrow();
            assertThat(report.job().state()).isEqualTo(JobState.OUT_OF_MEMORY);
            assertThat(report.job().exitCode()).hasValue(1);
            assertThat(report.job().firstError().orElseThrow().location())
                    .isEqualTo(new Location(LogPath.of("vllm-replicas_4712.err"), 3, traceback.location().offset()));
            assertThat(report.errors()).extracting(ErrorGroup::kind)
                    .contains("cuda-out-of-memory", "srun-exit-code", "oom-killer", "level");
        }
    }

    @Test
    void readsClientLevelsInLogfmtJsonZapZerologGlogAndBracketStyles() throws IOException {
        try (LogAnalysis analysis = fed("loadgen-4713.out")) {
            assertThat(kindsAt("loadgen-4713.out")).containsExactly(
                    "3:level:warning", "4:level:warning", "5:level:warning", "6:level:error", "7:level:warning",
                    "8:level:error", "9:level:error", "10:level:warning", "11:level:error", "12:level:error",
                    "13:level:warning");
            ErrorGroup timeouts = analysis.errors(ErrorQuery.all()).get(0);
            assertThat(timeouts.count()).isEqualTo(4);
            assertThat(timeouts.level()).isEqualTo(Level.WARNING);
            assertThat(timeouts.template()).contains("msg=\"request timed out\"").contains("request_id=<*>");
            assertThat(analysis.job("4713").orElseThrow().job().state()).isEqualTo(JobState.FAILED);
        }
    }

    @Test
    void readsJavaPythonAndGoStylesSegfaultsKilledAndPanics() throws IOException {
        try (LogAnalysis analysis = fed("orchestrator_job-4714.out")) {
            assertThat(kindsAt("orchestrator_job-4714.out")).containsExactly(
                    "1:level:warning",
                    "4:level:error",
                    "5:level:warning",
                    "7:level:error",
                    "8:java-uncaught-exception:error",
                    "11:segmentation-fault:error",
                    "12:killed:error",
                    "13:go-panic:critical");
            assertThat(analysis.job("4714").orElseThrow().job().state()).isEqualTo(JobState.FAILED);
        }
    }

    @Test
    void tellsCancelledCompletedAndRunningJobsApart() throws IOException {
        try (LogAnalysis analysis = fed("slurm-4715.out", "slurm-4716.out")) {
            assertThat(analysis.job("4715").orElseThrow().job().state()).isEqualTo(JobState.CANCELLED);
            assertThat(analysis.job("4716").orElseThrow().job().state()).isEqualTo(JobState.COMPLETED);
            assertThat(analysis.jobs()).extracting(Job::id).containsExactlyInAnyOrder("4715", "4716");
        }
        try (LogAnalysis recent = analysis(Duration.ofMinutes(1))) {
            recent.acceptAll(Fixtures.lines("slurm-4716.out"));
            assertThat(recent.job("4716").orElseThrow().job().state()).isEqualTo(JobState.RUNNING);
        }
    }

    @Test
    void keepsATracebackSplitAcrossTwoSyncsAsOneEvent() throws IOException {
        List<LogLine> lines = Fixtures.lines("vllm-replicas_4712.err");
        try (LogAnalysis analysis = analysis(Duration.ofHours(1))) {
            analysis.acceptAll(lines.subList(0, 7));
            assertThat(analysis.errors(ErrorQuery.all().minLevel(Level.ERROR))).isEmpty();
            analysis.acceptAll(lines.subList(7, lines.size()));
            List<ErrorEvent> tracebacks = events.stream().filter(e -> e.lines().size() > 1).toList();
            assertThat(tracebacks).hasSize(1);
            assertThat(tracebacks.get(0).location().lineNumber()).isEqualTo(3);
            assertThat(tracebacks.get(0).endLineNumber()).isEqualTo(13);
        }
    }
}
