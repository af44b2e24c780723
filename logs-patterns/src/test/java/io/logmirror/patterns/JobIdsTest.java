package io.logmirror.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import io.logmirror.core.LogPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobIdsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "slurm-4711.out, 4711",
        "loadgen-4713.out, 4713",
        "vllm-replicas_4712.err, 4712",
        "orchestrator_job-4714.out, 4714",
        "slurm-4711_3.out, 4711",
        "job-4711/vllm_0.log, 4711",
        "runs/job_98765/server.log, 98765",
        "job-1/slurm-2.out, 1",
    })
    void readsTheJobIdFromFileAndFolderNames(String path, String id) {
        assertThat(JobIds.fromPath(LogPath.of(path))).contains(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vllm_0.log", "server.log", "results-4711.json", "job-4711", "notes/job-x/a.out", "out-.out"})
    void findsNoJobIdInOtherNames(String path) {
        assertThat(JobIds.fromPath(LogPath.of(path))).isEmpty();
    }
}
