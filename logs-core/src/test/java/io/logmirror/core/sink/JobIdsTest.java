package io.logmirror.core.sink;

import io.logmirror.core.LogPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobIdsTest {

    @Test
    void findsTheJobIdInTheClusterSFileNames() {
        assertThat(JobIds.of(LogPath.of("slurm-4242.out"))).contains("4242");
        assertThat(JobIds.of(LogPath.of("orchestrator_job-123.err"))).contains("123");
        assertThat(JobIds.of(LogPath.of("runs/vllm-replicas_987.out"))).contains("987");
        assertThat(JobIds.of(LogPath.of("loadgen-55.out"))).contains("55");
    }

    @Test
    void findsNoneWhereTheNumberIsNotAJob() {
        assertThat(JobIds.of(LogPath.of("vllm_3.log"))).isEmpty();
        assertThat(JobIds.of(LogPath.of("server.log"))).isEmpty();
        assertThat(JobIds.of(LogPath.of("slurm-4242/server.log"))).isEmpty();
        assertThat(JobIds.of(LogPath.of("myslurm-12x.out"))).isEmpty();
    }
}
