package io.logmirror.patterns.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Realistic benchmark lines: a vLLM server, SLURM job output with training progress and NCCL chatter, and a
 * load generator, with about 2% warnings and errors (tracebacks included), all values random.
 */
final class SyntheticLogs {

    private SyntheticLogs() {
    }

    static List<String> lines(int count, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(count);
        while (out.size() < count) {
            int kind = r.nextInt(100);
            if (kind < 30) {
                out.add(String.format(Locale.ROOT, "INFO 12-07 %02d:%02d:%02d [loggers.py:%d] Avg prompt throughput: %.1f tokens/s, "
                        + "Avg generation throughput: %.1f tokens/s, Running: %d reqs, Waiting: %d reqs, GPU KV cache usage: %.1f%%",
                        r.nextInt(24), r.nextInt(60), r.nextInt(60), 100 + r.nextInt(50), r.nextDouble() * 5000,
                        r.nextDouble() * 3000, r.nextInt(256), r.nextInt(64), r.nextDouble() * 100));
            } else if (kind < 50) {
                out.add(String.format(Locale.ROOT, "INFO:     10.3.%d.%d:%d - \"POST /v1/completions HTTP/1.1\" 200 OK",
                        r.nextInt(255), r.nextInt(255), 30000 + r.nextInt(30000)));
            } else if (kind < 65) {
                out.add(String.format(Locale.ROOT, "2026-12-07 %02d:%02d:%02d,%03d - train - INFO - step %d/10000 loss=%.4f "
                        + "lr=3.0e-04 tokens/s=%d", r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1000),
                        r.nextInt(10000), r.nextDouble() * 3, 30000 + r.nextInt(20000)));
            } else if (kind < 75) {
                out.add(String.format(Locale.ROOT, "mel%d:%d:%d [%d] NCCL INFO Channel %02d/0 : %d[%d] -> %d[%d] via P2P/IPC",
                        2000 + r.nextInt(200), 1800000 + r.nextInt(99999), 1800000 + r.nextInt(99999), r.nextInt(4),
                        r.nextInt(32), r.nextInt(8), r.nextInt(8), r.nextInt(8), r.nextInt(8)));
            } else if (kind < 90) {
                out.add(String.format(Locale.ROOT, "time=\"2026-12-07T%02d:%02d:%02dZ\" level=info msg=\"request done\" "
                        + "request_id=%08x-%04x-4%03x-a%03x-%012x status=200 latency=%dms tokens=%d", r.nextInt(24),
                        r.nextInt(60), r.nextInt(60), r.nextInt(), r.nextInt(0x10000), r.nextInt(0x1000), r.nextInt(0x1000),
                        r.nextLong() & 0xffffffffffffL, r.nextInt(5000), r.nextInt(2048)));
            } else if (kind < 98) {
                out.add(String.format(Locale.ROOT, "[2026-12-07 %02d:%02d:%02d] loadgen: sent %d requests, %d in flight, "
                        + "p50 %d ms, p99 %d ms", r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(100000),
                        r.nextInt(128), r.nextInt(900), 900 + r.nextInt(9000)));
            } else {
                int e = r.nextInt(6);
                switch (e) {
                    case 0 -> out.add(String.format(Locale.ROOT, "WARNING 12-07 %02d:%02d:%02d [scheduler.py:%d] Sequence group "
                            + "cmpl-%x is preempted by PreemptionMode.RECOMPUTE", r.nextInt(24), r.nextInt(60), r.nextInt(60),
                            1000 + r.nextInt(500), r.nextLong()));
                    case 1 -> out.add(String.format(Locale.ROOT, "time=\"2026-12-07T%02d:%02d:%02dZ\" level=warning "
                            + "msg=\"request timed out\" after=30s", r.nextInt(24), r.nextInt(60), r.nextInt(60)));
                    case 2 -> out.add(String.format(Locale.ROOT, "srun: error: mel%d: task %d: Exited with exit code %d",
                            2000 + r.nextInt(200), r.nextInt(8), 1 + r.nextInt(3)));
                    case 3 -> {
                        out.add("Traceback (most recent call last):");
                        out.add("  File \"/opt/venv/lib/python3.12/site-packages/vllm/worker.py\", line " + r.nextInt(900) + ", in run");
                        out.add("    output = self.model_runner.execute_model(batch)");
                        out.add(String.format(Locale.ROOT, "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate %.2f GiB. "
                                + "GPU %d has a total capacity of 63.43 GiB", r.nextDouble() * 4, r.nextInt(4)));
                    }
                    case 4 -> out.add(String.format(Locale.ROOT, "mel%d:%d:%d [0] transport/net_ib.cc:1295 NCCL WARN NET/IB : "
                            + "Got completion from peer 10.3.21.%d<%d> with status=12", 2000 + r.nextInt(200),
                            1800000 + r.nextInt(99999), 1800000 + r.nextInt(99999), r.nextInt(255), r.nextInt(60000)));
                    default -> out.add(String.format(Locale.ROOT, "ERROR 12-07 %02d:%02d:%02d [engine.py:%d] Engine "
                            + "background task failed: request %d aborted", r.nextInt(24), r.nextInt(60), r.nextInt(60),
                            100 + r.nextInt(500), r.nextInt(100000)));
                }
            }
        }
        return out.subList(0, count);
    }
}
