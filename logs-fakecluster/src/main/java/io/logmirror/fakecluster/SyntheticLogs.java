package io.logmirror.fakecluster;

import io.logmirror.fakecluster.internal.JobLogLines;
import io.logmirror.fakecluster.internal.SimulatedJob;
import io.logmirror.fakecluster.internal.StepWrites;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    private final FakeRemote remote;
    private final Random random;
    private final boolean jobFolders;
    private final int concurrentJobs;
    private final int keepFinishedJobs;
    private final int replicas;
    private long nextJobId;
    private Instant now;
    private final JobLogLines lines;
    private final List<SimulatedJob> jobs = new ArrayList<>();
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

    private SyntheticLogs(Builder builder) {
        this.remote = builder.remote;
        this.random = new Random(builder.seed);
        this.jobFolders = builder.jobFolders;
        this.concurrentJobs = builder.concurrentJobs;
        this.keepFinishedJobs = builder.keepFinishedJobs;
        this.replicas = builder.replicas;
        this.nextJobId = builder.firstJobId;
        this.now = builder.start;
        this.lines = new JobLogLines(random, replicas);
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
        StepWrites writes = new StepWrites(remote, sizes);
        SimulatedJob job = start(writes, now);
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
        StepWrites writes = new StepWrites(remote, sizes);
        List<Long> started = new ArrayList<>();
        List<Long> finished = new ArrayList<>();
        for (SimulatedJob job : running()) {
            Instant end = job.plannedEnd().isBefore(until) ? job.plannedEnd() : until;
            lines.logUntil(writes, job, end);
            if (!job.plannedEnd().isAfter(until)) {
                lines.finish(writes, job);
                finished.add(job.id());
            }
        }
        now = until;
        while (running().size() < concurrentJobs) {
            started.add(start(writes, now).id());
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
        return jobs.stream().map(SimulatedJob::snapshot).toList();
    }

    /** The jobs running now. */
    public synchronized List<Job> runningJobs() {
        return running().stream().map(SimulatedJob::snapshot).toList();
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
        List<SimulatedJob> finished = jobs.stream().filter(SimulatedJob::isFinished).toList();
        TreeSet<String> deleted = new TreeSet<>();
        for (int i = 0; i < finished.size() - keepFinishedJobs; i++) {
            SimulatedJob old = finished.get(i);
            for (String path : old.files()) {
                if (jobFolders || !SimulatedJob.isSharedFile(path)) {
                    remote.delete(path);
                    sizes.remove(path);
                    deleted.add(path);
                }
            }
            if (jobFolders) {
                remote.delete("job-" + old.id());
            }
            jobs.remove(old);
        }
        return new ArrayList<>(deleted);
    }

    private List<SimulatedJob> running() {
        return jobs.stream().filter(j -> !j.isFinished()).toList();
    }

    private Job runWholeJob() {
        StepWrites writes = new StepWrites(remote, sizes);
        SimulatedJob job = start(writes, now);
        lines.logUntil(writes, job, job.plannedEnd());
        lines.finish(writes, job);
        writes.flush();
        now = job.plannedEnd().plusSeconds(30 + random.nextInt(600));
        return job.snapshot();
    }

    private SimulatedJob start(StepWrites writes, Instant at) {
        SimulatedJob job = new SimulatedJob(nextJobId++, at, random, jobFolders);
        jobs.add(job);
        lines.writeStart(writes, job, at);
        return job;
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
