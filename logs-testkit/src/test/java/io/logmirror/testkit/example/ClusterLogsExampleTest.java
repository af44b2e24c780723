package io.logmirror.testkit.example;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogPath;
import io.logmirror.core.SyncReport;
import io.logmirror.testkit.DataDirectory;
import io.logmirror.fakecluster.FakeRemote;
import io.logmirror.testkit.FakeRemoteExtension;
import io.logmirror.fakecluster.SyntheticLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How another project tests its code against a fake cluster: copy this class, then replace the assertions
 * with calls to your own code reading {@code mirror.store()}.
 */
@ExtendWith(FakeRemoteExtension.class)
class ClusterLogsExampleTest {

    @Test
    void readsTheSlurmLogOfAFinishedJob(FakeRemote cluster, @DataDirectory Path data) throws Exception {
        SyntheticLogs.builder(cluster).firstJobId(42).build().populate(1);

        try (LogMirror mirror = LogMirror.open(LogMirrorConfig.builder(data, cluster).build())) {
            mirror.syncNow();

            LogEntry slurm = mirror.store().find(LogPath.of("slurm-42.out")).orElseThrow();
            try (InputStream in = mirror.store().open(slurm, 0, slurm.size())) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("SLURM_JOB_ID=42\n");
            }
        }
    }

    @Test
    void recoversFromAConnectionLostMidTransfer(FakeRemote cluster, @DataDirectory Path data) throws Exception {
        cluster.write("loadgen-7.out", "req=1 status=200\n".repeat(1000));
        cluster.failNextRead("loadgen-7.out", 5_000);

        try (LogMirror mirror = LogMirror.open(LogMirrorConfig.builder(data, cluster).build())) {
            SyncReport first = mirror.syncNow();
            assertThat(first.failures()).hasSize(1);

            SyncReport second = mirror.syncNow();
            assertThat(second.failures()).isEmpty();
            assertThat(mirror.store().find(LogPath.of("loadgen-7.out")).orElseThrow().size()).isEqualTo(cluster.size("loadgen-7.out"));
        }
    }
}
