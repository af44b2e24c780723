package io.logmirror.fakecluster.internal;

import io.logmirror.fakecluster.SyntheticLogs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;

/**
 * One benchmark job of the log generator while it runs: what it benchmarks, on which node, when it ends and whether it
 * fails (all drawn from the generator's random source when it starts), how far its logs are written, and the files it
 * owns. Not thread-safe: the generator serializes its calls. Internal: use {@code SyntheticLogs}.
 */
public final class SimulatedJob {

    static final List<String> MODELS = List.of("meta-llama/Llama-3.1-8B-Instruct", "mistralai/Mistral-7B-Instruct-v0.3",
            "Qwen/Qwen2.5-14B-Instruct", "meta-llama/Llama-3.1-70B-Instruct");

    final long id;
    final String model;
    final String node;
    final Instant started;
    final Instant plannedEnd;
    final boolean willFail;
    private final boolean jobFolders;
    Instant writtenUntil;
    Instant finished;
    long requests;
    long errors;
    double latencySum;
    final TreeSet<String> files = new TreeSet<>();

    /** A job starting at {@code started}; draws its model, node, length and fate from {@code random}, in that order. */
    public SimulatedJob(long id, Instant started, Random random, boolean jobFolders) {
        this.id = id;
        this.model = MODELS.get(random.nextInt(MODELS.size()));
        this.node = String.format(Locale.ROOT, "mel2%03d", 1 + random.nextInt(200));
        this.started = started;
        this.plannedEnd = started.plusSeconds(300 + random.nextInt(2100));
        this.willFail = random.nextInt(100) < 15;
        this.writtenUntil = started;
        this.jobFolders = jobFolders;
    }

    /** Whether {@code path} is one of the files all jobs of the flat layout share (rewritten when a job starts). */
    public static boolean isSharedFile(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.equals("server.log") || name.equals("prometheus.log") || name.matches("vllm_\\d+\\.log");
    }

    public long id() {
        return id;
    }

    public Instant plannedEnd() {
        return plannedEnd;
    }

    public boolean isFinished() {
        return finished != null;
    }

    /** The job's own files, sorted (in the flat layout the shared files are not included). */
    public List<String> files() {
        return new ArrayList<>(files);
    }

    /** {@code name} in the job's folder, or as it is in the flat layout. */
    String path(String name) {
        return jobFolders ? "job-" + id + "/" + name : name;
    }

    /** Whether {@code path} belongs to this job alone. */
    boolean owns(String path) {
        return jobFolders || !isSharedFile(path);
    }

    /** The job as the generator's API shows it. */
    public SyntheticLogs.Job snapshot() {
        return new SyntheticLogs.Job(id, jobFolders ? Optional.of("job-" + id) : Optional.empty(), model, started,
                Optional.ofNullable(finished), finished != null && willFail, new ArrayList<>(files));
    }
}
