package org.example;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogPath;
import io.logmirror.testkit.DataDirectory;
import io.logmirror.fakecluster.FakeRemote;
import io.logmirror.testkit.FakeRemoteExtension;
import io.logmirror.fakecluster.SyntheticLogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.nio.file.Path;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(FakeRemoteExtension.class)
class ClusterLogsTest {

    @Test
    void readsTheSlurmLogOfAFinishedJob(FakeRemote cluster, @DataDirectory Path data) throws Exception {
        SyntheticLogs.builder(cluster).firstJobId(42).build().populate(1);
        try (LogMirror mirror = LogMirror.open(LogMirrorConfig.builder(data, cluster).build())) {
            mirror.syncNow();
            LogEntry slurm = mirror.store().find(LogPath.of("slurm-42.out")).orElseThrow();
            try (InputStream in = mirror.store().open(slurm, 0, slurm.size())) {
                assertTrue(new String(in.readAllBytes(), UTF_8).startsWith("SLURM_JOB_ID=42\n"));
            }
        }
    }
}
