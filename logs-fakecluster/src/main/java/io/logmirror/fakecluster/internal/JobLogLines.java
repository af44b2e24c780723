package io.logmirror.fakecluster.internal;

import io.logmirror.fakecluster.SyntheticLogs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * What the log generator's jobs write, line by line: slurm headers and steps, Python-logging lines of the orchestrator,
 * the replicas and the client, load-generator requests with latencies, uvicorn access lines, Prometheus lines, vLLM
 * throughput statistics, a traceback when a job fails and a results JSON when it ends. Every random choice comes from
 * the generator's one random source, in a fixed order, so the same seed gives the same bytes. Not thread-safe.
 * Internal: use {@code SyntheticLogs}.
 */
public final class JobLogLines {

    private static final DateTimeFormatter PYTHON = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter VLLM = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SLURM_DATE = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss 'UTC' yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final Random random;
    private final int replicas;

    /** Lines drawn from {@code random} for jobs with {@code replicas} vLLM replicas. */
    public JobLogLines(Random random, int replicas) {
        this.random = random;
        this.replicas = replicas;
    }

    /** Writes the headers of {@code job}, which starts at {@code at}, and rewrites the shared files it takes over. */
    public void writeStart(StepWrites writes, SimulatedJob job, Instant at) {
        long id = job.id;
        String slurm = job.path("slurm-" + id + ".out");
        writes.append(job, slurm, at, "SLURM_JOB_ID=" + id + "\nSLURM_JOB_NAME=ai-factory-bench\nSLURM_JOB_PARTITION=gpu\n"
                + "SLURM_JOB_NODELIST=" + job.node + "\nSLURM_NTASKS=1\nSLURM_GPUS_ON_NODE=4\n"
                + "SLURM_SUBMIT_DIR=/home/users/u100000/ai-factory-benchmarks\n"
                + "Starting job " + id + " on " + job.node + " at " + SLURM_DATE.format(at) + "\n");
        writes.append(job, job.path("orchestrator_job-" + id + ".out"), at,
                python(at, "INFO", "orchestrator", "job " + id + ": benchmarking " + job.model + " with " + replicas + " vLLM replicas on " + job.node));
        writes.append(job, job.path("orchestrator_job-" + id + ".err"), at,
                python(at, "INFO", "orchestrator", "stderr of job " + id + " follows"));
        writes.append(job, job.path("vllm-replicas_" + id + ".out"), at,
                python(at, "INFO", "replicas", "launching " + replicas + " replicas of " + job.model));
        writes.append(job, job.path("vllm-replicas_" + id + ".err"), at, "");
        writes.append(job, job.path("loadgen-" + id + ".out"), at,
                ISO.format(at) + " loadgen starting target=http://" + job.node + ":8000/v1/completions rate=8.0/s\n");
        writes.append(job, job.path("client-" + id + ".log"), at, python(at, "INFO", "client", "client for job " + id + " ready"));
        writes.rewrite(job.path("server.log"), at, python(at, "INFO", "uvicorn.error", "Started server process [" + (1000 + random.nextInt(60000)) + "]")
                + python(at, "INFO", "uvicorn.error", "Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)"));
        writes.rewrite(job.path("prometheus.log"), at, prometheus(at, "info", "Starting Prometheus Server", "mode=server version=2.53.0")
                + prometheus(at, "info", "Server is ready to receive web requests.", ""));
        for (int r = 0; r < replicas; r++) {
            writes.rewrite(job.path("vllm_" + r + ".log"), at, "INFO " + VLLM.format(at) + " [api_server.py:" + (500 + r)
                    + "] vLLM API server version 0.6.3\nINFO " + VLLM.format(at) + " [api_server.py:512] args: model='" + job.model
                    + "', tensor_parallel_size=" + (1 + random.nextInt(2)) + ", port=" + (8000 + r) + "\n");
        }
    }

    /** Appends the lines of {@code job}'s files for simulated time from where it stopped up to {@code end}. */
    public void logUntil(StepWrites writes, SimulatedJob job, Instant end) {
        long seconds = Math.max(0, Duration.between(job.writtenUntil, end).getSeconds());
        if (seconds == 0) {
            return;
        }
        Instant from = job.writtenUntil;
        long id = job.id;
        lines(writes, job, job.path("slurm-" + id + ".out"), from, seconds, 30, t -> "[" + PYTHON.format(t).substring(0, 19) + "] step "
                + random.nextInt(1000) + ": " + pick("checkpoint written", "warmup done", "phase 2 running", "node healthy") + "\n");
        lines(writes, job, job.path("orchestrator_job-" + id + ".out"), from, seconds, 10, t -> python(t, "INFO", "orchestrator",
                pick("replica health ok", "dispatching batch " + random.nextInt(500), "collected metrics from " + replicas + " replicas",
                        "queue depth " + random.nextInt(64))));
        lines(writes, job, job.path("orchestrator_job-" + id + ".err"), from, seconds, 120, t -> python(t, "WARNING", "orchestrator",
                pick("replica slow to answer health check (" + (2 + random.nextInt(8)) + " s)", "retrying request after timeout",
                        "GPU memory above 90%")));
        lines(writes, job, job.path("vllm-replicas_" + id + ".out"), from, seconds, 20, t -> python(t, "INFO", "replicas",
                "replica " + random.nextInt(replicas) + " healthy on port " + (8000 + random.nextInt(replicas))));
        lines(writes, job, job.path("vllm-replicas_" + id + ".err"), from, seconds, 300, t -> python(t, "WARNING", "replicas",
                "replica " + random.nextInt(replicas) + " restarted after CUDA out of memory"));
        long requestsBefore = job.requests;
        lines(writes, job, job.path("client-" + id + ".log"), from, seconds, 15, t -> python(t, "INFO", "client",
                String.format(Locale.ROOT, "sent %d requests so far, target rate %.1f/s", requestsBefore
                        + Duration.between(from, t).getSeconds(), 1.0)));
        lines(writes, job, job.path("loadgen-" + id + ".out"), from, seconds, 1, t -> {
            job.requests++;
            boolean error = random.nextInt(200) == 0;
            if (error) {
                job.errors++;
            }
            double latency = 80 + random.nextGaussian() * 25 + random.nextInt(400);
            job.latencySum += latency;
            return String.format(Locale.ROOT, "%s req=%d status=%d latency_ms=%.1f prompt_tokens=%d output_tokens=%d%n",
                    ISO.format(t), job.requests, error ? 503 : 200, latency, 128 + random.nextInt(1900), 16 + random.nextInt(496));
        });
        lines(writes, job, job.path("server.log"), from, seconds, 5, t -> python(t, "INFO", "uvicorn.access",
                "10.3." + random.nextInt(256) + "." + random.nextInt(256) + ":" + (30000 + random.nextInt(30000)) + " - \""
                        + pick("GET /health", "POST /v1/completions", "GET /metrics") + " HTTP/1.1\" 200"));
        lines(writes, job, job.path("prometheus.log"), from, seconds, 60, t -> prometheus(t, "info",
                pick("Completed scrape", "WAL checkpoint complete", "Head GC completed"), "duration=" + random.nextInt(900) + "ms"));
        for (int r = 0; r < replicas; r++) {
            int replica = r;
            lines(writes, job, job.path("vllm_" + r + ".log"), from, seconds, 2, t -> random.nextInt(5) == 0
                    ? String.format(Locale.ROOT, "INFO %s [metrics.py:455] Avg prompt throughput: %.1f tokens/s, Avg generation throughput: %.1f tokens/s, "
                            + "Running: %d reqs, Swapped: 0 reqs, Pending: %d reqs, GPU KV cache usage: %.1f%%, CPU KV cache usage: 0.0%%.%n",
                            VLLM.format(t), 200 + random.nextDouble() * 1800, 400 + random.nextDouble() * 2600, random.nextInt(48),
                            random.nextInt(8), random.nextDouble() * 95)
                    : "INFO:     10.3.0." + (10 + replica) + ":" + (40000 + random.nextInt(20000)) + " - \"POST /v1/completions HTTP/1.1\" 200 OK\n");
        }
        job.writtenUntil = end;
    }

    /** Writes the end of {@code job} at its planned end: success or a traceback, and its results JSON. */
    public void finish(StepWrites writes, SimulatedJob job) {
        Instant at = job.plannedEnd;
        long id = job.id;
        job.finished = at;
        if (job.willFail) {
            writes.append(job, job.path("orchestrator_job-" + id + ".err"), at,
                    python(at, "ERROR", "orchestrator", "job " + id + " failed: replica 0 did not answer")
                            + "Traceback (most recent call last):\n  File \"/opt/bench/orchestrator.py\", line 214, in run\n"
                            + "    result = client.wait(timeout=600)\nTimeoutError: replica 0 did not answer within 600 s\n");
            writes.append(job, job.path("slurm-" + id + ".out"), at, "slurmstepd: error: *** JOB " + id + " ON " + job.node
                    + " CANCELLED AT " + ISO.format(at).substring(0, 19) + " ***\n");
        } else {
            writes.append(job, job.path("orchestrator_job-" + id + ".out"), at,
                    python(at, "INFO", "orchestrator", "job " + id + " finished, results in results_" + id + ".json"));
            writes.append(job, job.path("slurm-" + id + ".out"), at, "Job " + id + " finished with exit code 0 at " + SLURM_DATE.format(at) + "\n");
        }
        double mean = job.requests == 0 ? 0 : job.latencySum / job.requests;
        writes.append(job, job.path("results_" + id + ".json"), at, String.format(Locale.ROOT,
                "{\n  \"job_id\": %d,\n  \"model\": \"%s\",\n  \"status\": \"%s\",\n  \"started\": \"%s\",\n  \"finished\": \"%s\",\n"
                        + "  \"requests\": %d,\n  \"errors\": %d,\n  \"latency_ms\": {\"mean\": %.1f, \"p50\": %.1f, \"p95\": %.1f, \"p99\": %.1f},\n"
                        + "  \"throughput_tokens_per_s\": %.1f\n}\n",
                id, job.model, job.willFail ? "failed" : "completed", ISO.format(job.started), ISO.format(at), job.requests, job.errors,
                mean, mean * 0.9, mean * 1.8, mean * 2.6, 500 + random.nextDouble() * 3000));
    }

    private interface LineMaker {
        String line(Instant at);
    }

    /** About one line per {@code everySeconds} over {@code seconds}, evenly spread, capped per step. */
    private void lines(StepWrites writes, SimulatedJob job, String path, Instant from, long seconds, int everySeconds, LineMaker maker) {
        long count = seconds / everySeconds;
        if (random.nextInt(everySeconds) < seconds % everySeconds) {
            count++;
        }
        count = Math.min(count, SyntheticLogs.MAX_LINES_PER_FILE_PER_STEP);
        if (count == 0) {
            return;
        }
        StringBuilder text = new StringBuilder();
        long stepMillis = seconds * 1000 / count;
        for (long i = 0; i < count; i++) {
            text.append(maker.line(from.plusMillis(stepMillis * i + random.nextInt((int) Math.max(1, Math.min(stepMillis, 1000))))));
        }
        writes.append(job, path, from.plusSeconds(seconds), text.toString());
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String python(Instant at, String level, String logger, String message) {
        return PYTHON.format(at) + " " + level + " [" + logger + "] " + message + "\n";
    }

    private static String prometheus(Instant at, String level, String message, String extra) {
        return "ts=" + ISO.format(at) + " caller=main.go:" + (600 + message.length()) + " level=" + level + " msg=\"" + message + "\""
                + (extra.isEmpty() ? "" : " " + extra) + "\n";
    }
}
