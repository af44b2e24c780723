package io.logmirror.app;

import io.logmirror.fakecluster.FakeRemote;

import java.time.Instant;

/**
 * A small scripted cluster for the HTTP tests: one file per category (by the built-in rules), a file in a
 * sub-folder, a hidden file, and modification times one hour apart so "newest first" has a known order.
 */
public final class SampleCluster {

    /** The oldest file's modification time; each next file is one hour newer. */
    public static final Instant T0 = Instant.parse("2025-03-01T10:00:00.250Z");

    /** The files, oldest first, with the category the built-in rules give them. */
    public static final String[][] FILES = {
            {"slurm-100.out", "slurm", "line 1\nline 2\nline 3\n"},
            {"client-7.log", "client", "c1\nc2"},
            {"orchestrator_job-5.err", "server", "Traceback (most recent call last):\nValueError: bad\n"},
            {"vllm_0.log", "vllm", "INFO 03-01 10:00:00 engine started\n"},
            {"prometheus.log", "monitoring", "level=info msg=\"Server is ready\"\n"},
            {"logs-service.log", "logs", "started\n"},
            {"job-9/slurm-9.out", "slurm", "SLURM_JOB_ID=9\n"},
            {"notes.txt", "uncategorized", "just notes\n"},
            {".hidden.log", "uncategorized", "hidden\n"},
    };

    private SampleCluster() {
    }

    /** A fake cluster holding {@link #FILES}. */
    public static FakeRemote create() {
        return fill(FakeRemote.named("sample"));
    }

    /** Writes {@link #FILES} into {@code remote}, with their modification times; returns it. */
    public static FakeRemote fill(FakeRemote remote) {
        for (int i = 0; i < FILES.length; i++) {
            remote.write(FILES[i][0], FILES[i][2]);
            remote.setModified(FILES[i][0], T0.plusSeconds(3600L * i));
        }
        return remote;
    }
}
