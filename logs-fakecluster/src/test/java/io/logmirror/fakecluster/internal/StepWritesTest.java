package io.logmirror.fakecluster.internal;

import io.logmirror.fakecluster.FakeRemote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class StepWritesTest {

    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    private final FakeRemote remote = FakeRemote.create();
    private final Map<String, Long> sizes = new HashMap<>();
    private final SimulatedJob job = new SimulatedJob(1, T0, new Random(1), false);

    @AfterEach
    void destroy() {
        remote.destroy();
    }

    @Test
    void appliesTheAppendsOfAFileAsOneWriteStampedWithTheTimeOfItsLastLine() {
        StepWrites writes = new StepWrites(remote, sizes);
        writes.append(job, "slurm-1.out", T0.plusSeconds(5), "a\n");
        writes.append(job, "slurm-1.out", T0.plusSeconds(2), "b\n");

        assertThat(writes.flush()).isEqualTo(4);
        assertThat(remote.text("slurm-1.out")).isEqualTo("a\nb\n");
        assertThat(remote.modified("slurm-1.out")).isEqualTo(T0.plusSeconds(5));
        assertThat(sizes).containsEntry("slurm-1.out", 4L);
        assertThat(job.files()).containsExactly("slurm-1.out");
    }

    @Test
    void aRewriteReplacesTheFileAndWhatTheStepAppendedBeforeIt() {
        remote.write("server.log", "old run\n");
        StepWrites writes = new StepWrites(remote, sizes);
        writes.append(job, "server.log", T0, "dropped\n");
        writes.rewrite("server.log", T0.plusSeconds(1), "new run\n");
        writes.append(job, "server.log", T0.plusSeconds(2), "kept\n");

        writes.flush();

        assertThat(remote.text("server.log")).isEqualTo("new run\nkept\n");
        assertThat(writes.changed()).containsExactly("server.log");
        assertThat(job.files()).as("the shared files of the flat layout belong to no job").isEmpty();
    }
}
