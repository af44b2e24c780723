package io.logmirror.fakecluster.internal;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedJobTest {

    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    @Test
    void recognizesTheFilesTheJobsOfTheFlatLayoutShare() {
        assertThat(SimulatedJob.isSharedFile("server.log")).isTrue();
        assertThat(SimulatedJob.isSharedFile("job-3/vllm_12.log")).isTrue();
        assertThat(SimulatedJob.isSharedFile("prometheus.log")).isTrue();
        assertThat(SimulatedJob.isSharedFile("vllm-replicas_3.out")).isFalse();
        assertThat(SimulatedJob.isSharedFile("slurm-3.out")).isFalse();
    }

    @Test
    void putsItsFilesInItsOwnFolderOnlyWhenJobsHaveFolders() {
        assertThat(new SimulatedJob(7, T0, new Random(1), true).path("slurm-7.out")).isEqualTo("job-7/slurm-7.out");
        assertThat(new SimulatedJob(7, T0, new Random(1), false).path("slurm-7.out")).isEqualTo("slurm-7.out");
    }

    @Test
    void drawsItsPlanFromTheRandomSourceSoTheSameSeedGivesTheSameJob() {
        SimulatedJob first = new SimulatedJob(1, T0, new Random(42), false);
        SimulatedJob second = new SimulatedJob(1, T0, new Random(42), false);

        assertThat(second.snapshot()).isEqualTo(first.snapshot());
        assertThat(second.plannedEnd()).isEqualTo(first.plannedEnd()).isAfterOrEqualTo(T0.plusSeconds(300));
        assertThat(first.isFinished()).isFalse();
    }
}
