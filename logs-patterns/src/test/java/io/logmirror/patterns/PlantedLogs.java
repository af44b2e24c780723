package io.logmirror.patterns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Synthetic job logs with errors planted at chosen lines: the test side of issue 12's "inject a chosen error
 * kind at a chosen point". Noise lines are vLLM/training/loadgen records at INFO with random values; each
 * planted error is written in one of the real formats and remembered with its line number.
 */
public final class PlantedLogs {

    /** An error kind to plant, the event kind it must be found as, and the job state it must give. */
    public enum Kind {
        CUDA_OOM("cuda-out-of-memory", JobState.OUT_OF_MEMORY),
        NCCL("nccl-error", null),
        TIME_LIMIT("slurm-time-limit", JobState.TIME_LIMIT),
        CANCELLED("slurm-cancelled", JobState.CANCELLED),
        EXIT_CODE("srun-exit-code", JobState.FAILED),
        OOM_KILLER("oom-killer", JobState.OUT_OF_MEMORY),
        SEGFAULT("segmentation-fault", JobState.FAILED),
        KILLED("killed", JobState.FAILED),
        TRACEBACK("python-traceback", null),
        LEVEL_ERROR("level", null);

        public final String eventKind;
        public final JobState state;

        Kind(String eventKind, JobState state) {
            this.eventKind = eventKind;
            this.state = state;
        }
    }

    /** Where an error was planted: its first line (1-based) and kind. */
    public record Planted(long lineNumber, Kind kind) {
    }

    /** The lines of one file and what was planted in it. */
    public record PlantedFile(List<String> lines, List<Planted> planted) {
    }

    private PlantedLogs() {
    }

    /** {@code noise} noise lines with {@code kind} planted after noise line {@code at} (0-based). */
    public static PlantedFile generate(long seed, int noise, int at, Kind kind) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        List<Planted> planted = new ArrayList<>();
        for (int i = 0; i < noise; i++) {
            if (i == at) {
                planted.add(new Planted(lines.size() + 1, kind));
                lines.addAll(render(kind, r));
            }
            lines.add(noise(r));
        }
        return new PlantedFile(lines, planted);
    }

    static String noise(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> String.format(Locale.ROOT, "INFO 12-07 %02d:%02d:%02d [loggers.py:%d] Avg prompt throughput: %.1f tokens/s",
                    r.nextInt(24), r.nextInt(60), r.nextInt(60), 100 + r.nextInt(50), r.nextDouble() * 5000);
            case 1 -> String.format(Locale.ROOT, "2026-12-07 10:%02d:%02d,%03d - train - INFO - step %d/10000 loss=%.4f",
                    r.nextInt(60), r.nextInt(60), r.nextInt(1000), r.nextInt(10000), r.nextDouble() * 3);
            case 2 -> String.format(Locale.ROOT, "time=\"2026-12-07T10:%02d:%02dZ\" level=info msg=\"request done\" latency=%dms",
                    r.nextInt(60), r.nextInt(60), r.nextInt(5000));
            default -> String.format(Locale.ROOT, "mel%d:%d:%d [%d] NCCL INFO Channel %02d/0 via P2P/IPC", 2000 + r.nextInt(200),
                    r.nextInt(999999), r.nextInt(999999), r.nextInt(4), r.nextInt(32));
        };
    }

    static List<String> render(Kind kind, Random r) {
        int node = 2000 + r.nextInt(200);
        return switch (kind) {
            case CUDA_OOM -> List.of("Traceback (most recent call last):",
                    "  File \"/opt/venv/lib/python3.12/site-packages/vllm/worker.py\", line " + r.nextInt(900) + ", in run",
                    "    output = self.model_runner.execute_model(batch)",
                    String.format(Locale.ROOT, "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate %.2f GiB.",
                            r.nextDouble() * 4));
            case NCCL -> List.of(String.format(Locale.ROOT, "mel%d:%d:%d [0] transport/net_ib.cc:1295 NCCL WARN NET/IB : "
                    + "Got completion from peer with status=12", node, r.nextInt(999999), r.nextInt(999999)));
            case TIME_LIMIT -> List.of(String.format(Locale.ROOT, "slurmstepd: error: *** JOB %d ON mel%d CANCELLED AT "
                    + "2026-12-07T10:00:14 DUE TO TIME LIMIT ***", 4000 + r.nextInt(999), node));
            case CANCELLED -> List.of(String.format(Locale.ROOT, "slurmstepd: error: *** JOB %d ON mel%d CANCELLED AT "
                    + "2026-12-07T10:00:14 ***", 4000 + r.nextInt(999), node));
            case EXIT_CODE -> List.of(String.format(Locale.ROOT, "srun: error: mel%d: task %d: Exited with exit code %d", node,
                    r.nextInt(8), 1 + r.nextInt(3)));
            case OOM_KILLER -> List.of(String.format(Locale.ROOT, "slurmstepd: error: Detected %d oom_kill event in StepId=%d.0. "
                    + "Some of the step tasks have been OOM Killed.", 1 + r.nextInt(3), 4000 + r.nextInt(999)));
            case SEGFAULT -> List.of(String.format(Locale.ROOT, "/var/spool/slurmd/job%d/slurm_script: line %d: %d "
                    + "Segmentation fault      (core dumped) ./bench_kernel", 4000 + r.nextInt(999), r.nextInt(90), r.nextInt(99999)));
            case KILLED -> List.of(String.format(Locale.ROOT, "/var/spool/slurmd/job%d/slurm_script: line %d: %d Killed"
                    + "                  python postprocess.py", 4000 + r.nextInt(999), r.nextInt(90), r.nextInt(99999)));
            case TRACEBACK -> List.of("Traceback (most recent call last):", "  File \"/home/u/run.py\", line 12, in <module>",
                    "    main()", "KeyError: 'model_" + r.nextInt(9) + "'");
            case LEVEL_ERROR -> List.of(String.format(Locale.ROOT, "ERROR 12-07 10:%02d:%02d [engine.py:%d] Engine background "
                    + "task failed", r.nextInt(60), r.nextInt(60), 100 + r.nextInt(500)));
        };
    }
}
