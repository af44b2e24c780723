package io.logmirror.fakecluster.internal;

import io.logmirror.fakecluster.FakeRemote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class JobLogLinesTest {

    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    private final FakeRemote remote = FakeRemote.create();

    @AfterEach
    void destroy() {
        remote.destroy();
    }

    @Test
    void aJobWritesItsHeadersThenItsLinesThenItsResults() {
        Random random = new Random(3);
        JobLogLines lines = new JobLogLines(random, 2);
        SimulatedJob job = new SimulatedJob(42, T0, random, false);

        StepWrites start = new StepWrites(remote, new HashMap<>());
        lines.writeStart(start, job, T0);
        start.flush();
        assertThat(remote.text("slurm-42.out")).startsWith("SLURM_JOB_ID=42\n");
        assertThat(remote.paths()).contains("server.log", "prometheus.log", "vllm_0.log", "vllm_1.log", "loadgen-42.out");

        StepWrites run = new StepWrites(remote, new HashMap<>());
        lines.logUntil(run, job, T0.plusSeconds(120));
        lines.finish(run, job);
        run.flush();
        assertThat(remote.text("loadgen-42.out").lines().count()).isGreaterThan(100);
        assertThat(remote.text("results_42.json")).contains("\"job_id\": 42");
        assertThat(job.isFinished()).isTrue();
    }
}
