package io.logmirror.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;

/**
 * Writes plausible benchmark-job logs into a {@link FakeRemote}, deterministically: the same seed and the
 * same calls give the same files, byte for byte, on every machine.
 *
 * <p>Each job writes the real stack's files: {@code slurm-<id>.out}, {@code orchestrator_job-<id>.out/.err},
 * {@code vllm-replicas_<id>.out/.err}, {@code loadgen-<id>.out}, {@code client-<id>.log} and, when it
 * finishes, {@code results_<id>.json}; the shared {@code server.log}, {@code prometheus.log} and
 * {@code vllm_<n>.log} are rewritten when a job starts and appended to while it runs (with
 * {@link Builder#jobFolders(boolean)} every job gets them in its own {@code job-<id>/} folder instead).
 * Contents look like the real thing: slurm headers, Python-logging lines at INFO/WARN/ERROR, vLLM
 * throughput statistics and access lines, load-generator latencies, Prometheus log lines, a results JSON.
 * Modification times follow the generator's simulated clock, not the wall clock.
 *
 * <pre>{@code
 * FakeRemote remote = FakeRemote.named("demo");
 * SyntheticLogs logs = SyntheticLogs.builder(remote).seed(7).start(Instant.now().minus(Duration.ofHours(8)))
 *         .keepFinishedJobs(50).build();
 * logs.populate(12);                                   // finished jobs: a history to browse
 * scheduler.scheduleAtFixedRate(() -> logs.advanceTo(Instant.now()), 5, 5, TimeUnit.SECONDS); // a live cluster
 * }</pre>
 *
 * <p>Advancing is cheap: each step appends at most {@value #MAX_LINES_PER_FILE_PER_STEP} lines per file,
 * however long the step. All methods are thread-safe (they are serialized).
 */
public final class SyntheticLogs {

    /** The most lines one {@link #advance(Duration)} appends to one file, so that a long gap stays cheap. */
    public static final int MAX_LINES_PER_FILE_PER_STEP = 500;
    /** Where the simulated clock starts unless {@link Builder#start(Instant)} says otherwise. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T08:00:00Z");

    private static final DateTimeFormatter PYTHON = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter VLLM = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SLURM_DATE = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss 'UTC' yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final List<String> MODELS = List.of("meta-llama/Llama-3.1-8B-Instruct", "mistralai/Mistral-7B-Instruct-v0.3",
            "Qwen/Qwen2.5-14B-Instruct", "meta-llama/Llama-3.1-70B-Instruct");

    private final FakeRemote remote;
    private final Random random;
    private final boolean jobFolders;
    private final int concurrentJobs;
    private final int keepFinishedJobs;
    private final int replicas;
    private long nextJobId;
    private Instant now;
    private final List<JobState> jobs = new ArrayList<>();
    private final Map<String, Long> sizes = new LinkedHashMap<>();

    /**
     * A job the generator ran or runs.
     *
     * @param id       its slurm job id
     * @param folder   its folder ({@code job-<id>}) when jobs have folders; empty for the flat layout
     * @param model    the model it benchmarks
     * @param started  when it started (simulated time)
     * @param finished when it finished; empty while it runs
     * @param failed   whether it failed (its {@code .err} files then hold a traceback)
     * @param files    the files it owns, as paths relative to the fake folder, sorted (in the flat layout the shared
     *                 {@code server.log}, {@code prometheus.log} and {@code vllm_<n>.log} are not included)
     */
    public record Job(long id, Optional<String> folder, String model, Instant started, Optional<Instant> finished,
                      boolean failed, List<String> files) {
        public Job {
            files = List.copyOf(files);
        }

        /** Whether the job still runs. */
        public boolean running() {
            return finished.isEmpty();
        }
    }

    /**
     * What one {@link #advance(Duration)} did.
     *
     * @param now          the simulated time after the step
     * @param started      ids of jobs started
     * @param finished     ids of jobs finished
     * @param changedFiles files created, appended to or rewritten, sorted
     * @param bytesWritten bytes appended or written
     * @param deletedFiles files deleted because their job fell out of {@link Builder#keepFinishedJobs(int)}, sorted
     */
    public record Step(Instant now, List<Long> started, List<Long> finished, List<String> changedFiles, long bytesWritten,
                       List<String> deletedFiles) {
        public Step {
            started = List.copyOf(started);
            finished = List.copyOf(finished);
            changedFiles = List.copyOf(changedFiles);
            deletedFiles = List.copyOf(deletedFiles);
        }
    }

    private final class JobState {
        final long id;
        final String model;
        final String node;
        final Instant started;
        final Instant plannedEnd;
        final boolean willFail;
        Instant writtenUntil;
        Instant finished;
        long requests;
        long errors;
        double latencySum;
        final TreeSet<String> files = new TreeSet<>();

        JobState(long id, Instant started) {
            this.id = id;
            this.model = MODELS.get(random.nextInt(MODELS.size()));
            this.node = String.format(Locale.ROOT, "mel2%03d", 1 + random.nextInt(200));
            this.started = started;
            this.plannedEnd = started.plusSeconds(300 + random.nextInt(2100));
            this.willFail = random.nextInt(100) < 15;
            this.writtenUntil = started;
        }

        String path(String name) {
            return jobFolders ? "job-" + id + "/" + name : name;
        }

        Job snapshot() {
            return new Job(id, jobFolders ? Optional.of("job-" + id) : Optional.empty(), model, started,
                    Optional.ofNullable(finished), finished != null && willFail, new ArrayList<>(files));
        }
    }

    private SyntheticLogs(Builder builder) {
        this.remote = builder.remote;
        this.random = new Random(builder.seed);
        this.jobFolders = builder.jobFolders;
        this.concurrentJobs = builder.concurrentJobs;
        this.keepFinishedJobs = builder.keepFinishedJobs;
        this.replicas = builder.replicas;
        this.nextJobId = builder.firstJobId;
        this.now = builder.start;
    }

    /** Starts a generator writing into {@code remote}. */
    public static Builder builder(FakeRemote remote) {
        return new Builder(remote);
    }

    /** A generator with the default settings (seed 1, flat layout, two concurrent jobs) writing into {@code remote}. */
    public static SyntheticLogs into(FakeRemote remote) {
        return builder(remote).build();
    }

    // ------------------------------------------------------------------ the API

    /** Runs {@code jobs} complete jobs back to back, from the simulated now; returns them, finished. */
    public synchronized List<Job> populate(int jobs) {
        if (jobs < 0) {
            throw new IllegalArgumentException("populate needs 0 or more jobs, was " + jobs);
        }
        List<Job> done = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            done.add(runWholeJob());
        }
        forgetOldJobs();
        return done;
    }

    /**
     * Runs complete jobs back to back until the files this generator wrote add up to at least
     * {@code totalBytes}; returns the jobs it ran.
     */
    public synchronized List<Job> populateToSize(long totalBytes) {
        if (totalBytes < 0) {
            throw new IllegalArgumentException("populateToSize needs 0 or more bytes, was " + totalBytes);
        }
        List<Job> done = new ArrayList<>();
        while (totalBytes() < totalBytes) {
            done.add(runWholeJob());
        }
        return done;
    }

    /** Starts one job now (it writes its headers); {@link #advance(Duration)} makes it log and eventually finish. */
    public synchronized Job startJob() {
        Writes writes = new Writes();
        JobState job = start(writes, now);
        writes.flush();
        return job.snapshot();
    }

    /**
     * Lets {@code elapsed} simulated time pass: running jobs log (at most {@value #MAX_LINES_PER_FILE_PER_STEP}
     * lines per file), jobs whose time is up finish, and new jobs start so that the configured number run.
     */
    public synchronized Step advance(Duration elapsed) {
        Objects.requireNonNull(elapsed, "elapsed");
        if (elapsed.isNegative()) {
            throw new IllegalArgumentException("advance needs a duration of 0 or more, was " + elapsed);
        }
        Instant until = now.plus(elapsed);
        Writes writes = new Writes();
        List<Long> started = new ArrayList<>();
        List<Long> finished = new ArrayList<>();
        for (JobState job : running()) {
            Instant end = job.plannedEnd.isBefore(until) ? job.plannedEnd : until;
            logUntil(writes, job, end);
            if (!job.plannedEnd.isAfter(until)) {
                finish(writes, job);
                finished.add(job.id);
            }
        }
        now = until;
        while (running().size() < concurrentJobs) {
            started.add(start(writes, now).id);
        }
        long bytes = writes.flush();
        return new Step(now, started, finished, new ArrayList<>(new TreeSet<>(writes.changed())), bytes, forgetOldJobs());
    }

    /** Advances to {@code instant}; does nothing (an empty step) when it is not after the simulated now. */
    public synchronized Step advanceTo(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        if (!instant.isAfter(now)) {
            return new Step(now, List.of(), List.of(), List.of(), 0, List.of());
        }
        return advance(Duration.between(now, instant));
    }

    /** Every job so far, oldest first. */
    public synchronized List<Job> jobs() {
        return jobs.stream().map(JobState::snapshot).toList();
    }

    /** The jobs running now. */
    public synchronized List<Job> runningJobs() {
        return running().stream().map(JobState::snapshot).toList();
    }

    /** The simulated now. */
    public synchronized Instant now() {
        return now;
    }

    /** The current sizes of the files this generator wrote, added up (it tracks them itself and never reads the fake). */
    public synchronized long totalBytes() {
        return sizes.values().stream().mapToLong(Long::longValue).sum();
    }

    // ------------------------------------------------------------------ jobs

    /** Deletes the files of the oldest finished jobs beyond the number to keep; answers the deleted files. */
    private List<String> forgetOldJobs() {
        if (keepFinishedJobs == Integer.MAX_VALUE) {
            return List.of();
        }
        List<JobState> finished = jobs.stream().filter(j -> j.finished != null).toList();
        TreeSet<String> deleted = new TreeSet<>();
        for (int i = 0; i < finished.size() - keepFinishedJobs; i++) {
            JobState old = finished.get(i);
            for (String path : old.files) {
                if (jobFolders || !isShared(path)) {
                    remote.delete(path);
                    sizes.remove(path);
                    deleted.add(path);
                }
            }
            if (jobFolders) {
                remote.delete("job-" + old.id);
            }
            jobs.remove(old);
        }
        return new ArrayList<>(deleted);
    }

    private List<JobState> running() {
        return jobs.stream().filter(j -> j.finished == null).toList();
    }

    private Job runWholeJob() {
        Writes writes = new Writes();
        JobState job = start(writes, now);
        logUntil(writes, job, job.plannedEnd);
        finish(writes, job);
        writes.flush();
        now = job.plannedEnd.plusSeconds(30 + random.nextInt(600));
        return job.snapshot();
    }

    private JobState start(Writes writes, Instant at) {
        JobState job = new JobState(nextJobId++, at);
        jobs.add(job);
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
        return job;
    }

    /** Appends the lines of {@code job}'s files for simulated time from where it stopped up to {@code end}. */
    private void logUntil(Writes writes, JobState job, Instant end) {
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

    private void finish(Writes writes, JobState job) {
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
    private void lines(Writes writes, JobState job, String path, Instant from, long seconds, int everySeconds, LineMaker maker) {
        long count = seconds / everySeconds;
        if (random.nextInt(everySeconds) < seconds % everySeconds) {
            count++;
        }
        count = Math.min(count, MAX_LINES_PER_FILE_PER_STEP);
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

    private static boolean isShared(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.equals("server.log") || name.equals("prometheus.log") || name.matches("vllm_\\d+\\.log");
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

    /** Collects a step's writes per file, then applies them with one call per file. */
    private final class Writes {
        private final Map<String, StringBuilder> appends = new LinkedHashMap<>();
        private final Map<String, String> rewrites = new LinkedHashMap<>();
        private final Map<String, Instant> times = new LinkedHashMap<>();

        void append(JobState job, String path, Instant at, String text) {
            if (jobFolders || !isShared(path)) {
                job.files.add(path);
            }
            appends.computeIfAbsent(path, p -> new StringBuilder()).append(text);
            times.merge(path, at, (a, b) -> a.isAfter(b) ? a : b);
        }

        void rewrite(String path, Instant at, String text) {
            rewrites.put(path, text);
            appends.remove(path);
            times.merge(path, at, (a, b) -> a.isAfter(b) ? a : b);
        }

        List<String> changed() {
            return new ArrayList<>(times.keySet());
        }

        long flush() {
            long bytes = 0;
            for (Map.Entry<String, Instant> entry : times.entrySet()) {
                String path = entry.getKey();
                String rewrite = rewrites.get(path);
                StringBuilder append = appends.get(path);
                if (rewrite != null) {
                    String text = rewrite + (append == null ? "" : append);
                    byte[] bytesOut = text.getBytes(StandardCharsets.UTF_8);
                    remote.write(path, bytesOut);
                    sizes.put(path, (long) bytesOut.length);
                    bytes += bytesOut.length;
                } else {
                    byte[] bytesOut = append.toString().getBytes(StandardCharsets.UTF_8);
                    remote.append(path, bytesOut);
                    sizes.merge(path, (long) bytesOut.length, Long::sum);
                    bytes += bytesOut.length;
                }
                remote.setModified(path, entry.getValue());
            }
            return bytes;
        }
    }

    /** Builds a {@link SyntheticLogs}; not thread-safe. */
    public static final class Builder {
        private final FakeRemote remote;
        private long seed = 1;
        private Instant start = DEFAULT_START;
        private boolean jobFolders;
        private int concurrentJobs = 2;
        private int keepFinishedJobs = Integer.MAX_VALUE;
        private int replicas = 2;
        private long firstJobId = 3_100_001;

        private Builder(FakeRemote remote) {
            this.remote = Objects.requireNonNull(remote, "remote");
        }

        /** The seed of every random choice; default 1. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Where the simulated clock starts; default {@link #DEFAULT_START}. */
        public Builder start(Instant start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /** Whether every job writes into its own {@code job-<id>/} folder (default false: the flat layout of the real stack). */
        public Builder jobFolders(boolean jobFolders) {
            this.jobFolders = jobFolders;
            return this;
        }

        /** How many jobs {@link #advance(Duration)} keeps running, 0 to 64; default 2. */
        public Builder concurrentJobs(int jobs) {
            if (jobs < 0 || jobs > 64) {
                throw new IllegalArgumentException("concurrentJobs must be between 0 and 64, was " + jobs);
            }
            this.concurrentJobs = jobs;
            return this;
        }

        /**
         * How many finished jobs keep their files, 0 or more; older ones are deleted from the fake (a cluster
         * cleaning up, which the mirror sees as files gone) and forgotten, so that a long-running demo stays
         * small. Default: all of them.
         */
        public Builder keepFinishedJobs(int jobs) {
            if (jobs < 0) {
                throw new IllegalArgumentException("keepFinishedJobs must be 0 or more, was " + jobs);
            }
            this.keepFinishedJobs = jobs;
            return this;
        }

        /** How many vLLM replicas (and {@code vllm_<n>.log} files) a job has, 1 to 16; default 2. */
        public Builder replicas(int replicas) {
            if (replicas < 1 || replicas > 16) {
                throw new IllegalArgumentException("replicas must be between 1 and 16, was " + replicas);
            }
            this.replicas = replicas;
            return this;
        }

        /** The first job's id; later jobs count up; default 3100001. */
        public Builder firstJobId(long id) {
            if (id < 1) {
                throw new IllegalArgumentException("firstJobId must be positive, was " + id);
            }
            this.firstJobId = id;
            return this;
        }

        /** The generator. */
        public SyntheticLogs build() {
            return new SyntheticLogs(this);
        }
    }
}
