package io.logmirror.fakecluster;

import io.logmirror.core.LogPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyntheticLogsTest {

    private final List<FakeRemote> remotes = new ArrayList<>();

    @AfterEach
    void destroy() {
        remotes.forEach(FakeRemote::destroy);
    }

    private FakeRemote newRemote() {
        FakeRemote remote = FakeRemote.create();
        remotes.add(remote);
        return remote;
    }

    @Test
    void writesTheFileNamesOfTheRealStack() {
        FakeRemote remote = newRemote();
        SyntheticLogs logs = SyntheticLogs.builder(remote).firstJobId(42).replicas(2).build();

        logs.populate(1);

        assertThat(remote.paths()).containsExactlyInAnyOrder(
                "slurm-42.out", "orchestrator_job-42.out", "orchestrator_job-42.err", "vllm-replicas_42.out",
                "vllm-replicas_42.err", "loadgen-42.out", "client-42.log", "results_42.json",
                "server.log", "prometheus.log", "vllm_0.log", "vllm_1.log");
        assertThat(remote.paths()).allSatisfy(path -> assertThat(LogPath.parse(path)).isPresent());
    }

    @Test
    void writesPlausibleContents() {
        FakeRemote remote = newRemote();
        SyntheticLogs.builder(remote).firstJobId(7).build().populate(1);

        assertThat(remote.text("slurm-7.out")).startsWith("SLURM_JOB_ID=7\n").contains("SLURM_JOB_NODELIST=mel2");
        assertThat(remote.text("orchestrator_job-7.out")).containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} INFO \\[orchestrator]");
        assertThat(remote.text("vllm_0.log")).contains("Avg prompt throughput").contains("POST /v1/completions");
        assertThat(remote.text("loadgen-7.out")).containsPattern("req=\\d+ status=\\d{3} latency_ms=");
        assertThat(remote.text("prometheus.log")).contains("level=info msg=\"Server is ready to receive web requests.\"");
        assertThat(remote.text("results_7.json")).startsWith("{").contains("\"job_id\": 7").contains("\"latency_ms\"").endsWith("}\n");
        assertThat(remote.text("orchestrator_job-7.err")).contains("WARNING");
    }

    @Test
    void theSameSeedAndCallsGiveTheSameBytes() {
        Map<String, String> first = run(newRemote(), 99);
        Map<String, String> second = run(newRemote(), 99);
        Map<String, String> other = run(newRemote(), 100);

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    /**
     * The digest was taken from the generator before it was split into JobLogLines, SimulatedJob and StepWrites: a seed
     * gives the same files on every machine and in every version, so a benchmark or a demo run can be reproduced.
     */
    @Test
    void aSeedKeepsGivingTheSameFilesAcrossVersions() throws Exception {
        FakeRemote remote = newRemote();
        SyntheticLogs logs = SyntheticLogs.builder(remote).seed(7).keepFinishedJobs(3).build();
        logs.populate(4);
        logs.advance(Duration.ofMinutes(20));
        logs.advance(Duration.ofHours(2));

        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (String path : remote.paths()) {
            digest.update(path.getBytes(StandardCharsets.UTF_8));
            digest.update(remote.content(path));
            digest.update(remote.modified(path).toString().getBytes(StandardCharsets.UTF_8));
        }
        assertThat(remote.paths()).hasSize(42);
        assertThat(HexFormat.of().formatHex(digest.digest()))
                .isEqualTo("1426420f4df3fd1b3d52f3cfaabe66bdd54d6c59c7d90e63b8c15c73f7534b20");
    }

    private Map<String, String> run(FakeRemote remote, long seed) {
        SyntheticLogs logs = SyntheticLogs.builder(remote).seed(seed).build();
        logs.populate(3);
        logs.advance(Duration.ofMinutes(3));
        logs.advance(Duration.ofMinutes(10));
        Map<String, String> contents = new LinkedHashMap<>();
        for (String path : remote.paths()) {
            contents.put(path, remote.text(path) + "@" + remote.modified(path));
        }
        return contents;
    }

    @Test
    void putsEveryJobInItsOwnFolderWhenAsked() {
        FakeRemote remote = newRemote();
        List<SyntheticLogs.Job> jobs = SyntheticLogs.builder(remote).jobFolders(true).firstJobId(5).build().populate(2);

        assertThat(jobs).extracting(job -> job.folder().orElseThrow()).containsExactly("job-5", "job-6");
        assertThat(remote.paths()).allSatisfy(path -> assertThat(path).matches("job-[56]/.+"));
        assertThat(remote.paths()).contains("job-5/server.log", "job-6/slurm-6.out");
        assertThat(jobs.get(0).files()).contains("job-5/server.log");
    }

    @Test
    void populatesFinishedJobsBackToBack() {
        FakeRemote remote = newRemote();
        SyntheticLogs logs = SyntheticLogs.into(remote);

        List<SyntheticLogs.Job> jobs = logs.populate(3);

        assertThat(jobs).hasSize(3).noneMatch(SyntheticLogs.Job::running);
        assertThat(jobs.get(1).started()).isAfter(jobs.get(0).finished().orElseThrow());
        assertThat(logs.now()).isAfter(jobs.get(2).finished().orElseThrow());
        assertThat(logs.runningJobs()).isEmpty();
        assertThat(logs.totalBytes()).isEqualTo(remote.totalBytes());
    }

    @Test
    void populatesUpToATargetSize() {
        FakeRemote remote = newRemote();
        SyntheticLogs logs = SyntheticLogs.into(remote);

        logs.populateToSize(2_000_000);

        assertThat(remote.totalBytes()).isGreaterThanOrEqualTo(2_000_000).isEqualTo(logs.totalBytes());
    }

    @Test
    void advancingGrowsRunningJobsAndKeepsTheConfiguredNumberRunning() {
        FakeRemote remote = newRemote();
        SyntheticLogs logs = SyntheticLogs.builder(remote).concurrentJobs(2).build();

        SyntheticLogs.Step first = logs.advance(Duration.ZERO);
        assertThat(first.started()).hasSize(2);
        assertThat(logs.runningJobs()).hasSize(2);
        long id = first.started().get(0);
        long before = remote.size("loadgen-" + id + ".out");

        SyntheticLogs.Step second = logs.advance(Duration.ofSeconds(60));

        assertThat(remote.size("loadgen-" + id + ".out")).isGreaterThan(before);
        assertThat(second.changedFiles()).contains("loadgen-" + id + ".out");
        assertThat(second.bytesWritten()).isPositive();
        assertThat(remote.modified("loadgen-" + id + ".out")).isEqualTo(second.now());
        assertThat(second.now()).isEqualTo(SyntheticLogs.DEFAULT_START.plusSeconds(60));
    }

    @Test
    void advancingPastTheirTimeFinishesJobsAndStartsNewOnes() {
        FakeRemote remote = newRemote();
        SyntheticLogs logs = SyntheticLogs.builder(remote).concurrentJobs(1).build();
        long firstId = logs.advance(Duration.ZERO).started().get(0);

        SyntheticLogs.Step step = logs.advance(Duration.ofHours(2));

        assertThat(step.finished()).containsExactly(firstId);
        assertThat(step.started()).hasSize(1);
        assertThat(remote.exists("results_" + firstId + ".json")).isTrue();
        assertThat(remote.text("slurm-" + firstId + ".out")).containsAnyOf("finished with exit code 0", "CANCELLED");
    }

    @Test
    void aLongStepStaysCheap() {
        FakeRemote remote = newRemote();
        SyntheticLogs logs = SyntheticLogs.builder(remote).concurrentJobs(1).build();
        long id = logs.advance(Duration.ZERO).started().get(0);
        logs.advance(Duration.ofSeconds(1));
        long before = remote.text("loadgen-" + id + ".out").lines().count();

        logs.advance(Duration.ofDays(30));

        assertThat(remote.text("loadgen-" + id + ".out").lines().count() - before)
                .isLessThanOrEqualTo(SyntheticLogs.MAX_LINES_PER_FILE_PER_STEP);
    }

    @Test
    void startingAJobRewritesTheSharedFilesOfTheFlatLayout() {
        FakeRemote remote = newRemote();
        SyntheticLogs logs = SyntheticLogs.builder(remote).concurrentJobs(0).build();
        logs.populate(1);
        long sizeAfterFirstJob = remote.size("server.log");

        logs.startJob();

        assertThat(remote.size("server.log")).isLessThan(sizeAfterFirstJob);
    }

    @Test
    void deletesTheFilesOfTheOldestFinishedJobsBeyondTheNumberToKeep() {
        FakeRemote remote = newRemote();
        SyntheticLogs logs = SyntheticLogs.builder(remote).firstJobId(1).keepFinishedJobs(2).concurrentJobs(1).build();
        logs.populate(3);

        assertThat(remote.exists("slurm-1.out")).isFalse();
        assertThat(remote.paths()).contains("slurm-2.out", "slurm-3.out", "server.log");
        assertThat(logs.jobs()).extracting(SyntheticLogs.Job::id).containsExactly(2L, 3L);

        logs.advance(Duration.ZERO);
        SyntheticLogs.Step step = logs.advance(Duration.ofHours(2));

        assertThat(step.finished()).containsExactly(4L);
        assertThat(step.deletedFiles()).contains("slurm-2.out", "results_2.json").noneMatch(p -> p.contains("-3") || p.contains("_3"));
        assertThat(remote.exists("slurm-2.out")).isFalse();
        assertThat(logs.totalBytes()).isEqualTo(remote.totalBytes());
    }

    @Test
    void deletesAWholeJobFolderWhenJobsHaveFolders() {
        FakeRemote remote = newRemote();
        SyntheticLogs.builder(remote).firstJobId(1).jobFolders(true).keepFinishedJobs(1).build().populate(2);

        assertThat(remote.exists("job-1")).isFalse();
        assertThat(remote.paths()).allSatisfy(p -> assertThat(p).startsWith("job-2/"));
    }

    @Test
    void advancingToAnInstantNotAfterNowDoesNothing() {
        FakeRemote remote = newRemote();
        SyntheticLogs logs = SyntheticLogs.into(remote);

        SyntheticLogs.Step step = logs.advanceTo(Instant.parse("2020-01-01T00:00:00Z"));

        assertThat(step.changedFiles()).isEmpty();
        assertThat(remote.paths()).isEmpty();
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        FakeRemote remote = newRemote();
        SyntheticLogs logs = SyntheticLogs.into(remote);

        assertThatThrownBy(() -> logs.populate(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> logs.populateToSize(-5)).hasMessageContaining("populateToSize").hasMessageContaining("-5");
        assertThatThrownBy(() -> logs.advance(Duration.ofSeconds(-1))).hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> SyntheticLogs.builder(remote).replicas(0)).hasMessageContaining("replicas");
        assertThatThrownBy(() -> SyntheticLogs.builder(remote).concurrentJobs(65)).hasMessageContaining("concurrentJobs");
        assertThatThrownBy(() -> SyntheticLogs.builder(remote).firstJobId(0)).hasMessageContaining("firstJobId");
        assertThatThrownBy(() -> SyntheticLogs.builder(remote).keepFinishedJobs(-1)).hasMessageContaining("keepFinishedJobs");
    }
}
