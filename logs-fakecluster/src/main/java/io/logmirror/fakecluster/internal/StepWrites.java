package io.logmirror.fakecluster.internal;

import io.logmirror.fakecluster.FakeRemote;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes of one generator step, collected per file and then applied with one call per file ({@link #flush()}),
 * each file stamped with the simulated time of its last line. Keeps the generator's record of file sizes, so that it
 * never reads the fake back. Not thread-safe. Internal: use {@code SyntheticLogs}.
 */
public final class StepWrites {

    private final FakeRemote remote;
    private final Map<String, Long> sizes;
    private final Map<String, StringBuilder> appends = new LinkedHashMap<>();
    private final Map<String, String> rewrites = new LinkedHashMap<>();
    private final Map<String, Instant> times = new LinkedHashMap<>();

    /** Writes into {@code remote}, keeping {@code sizes} (path to bytes) up to date. */
    public StepWrites(FakeRemote remote, Map<String, Long> sizes) {
        this.remote = remote;
        this.sizes = sizes;
    }

    /** Appends {@code text} to {@code path} at {@code at}; the file becomes {@code job}'s unless it is shared. */
    void append(SimulatedJob job, String path, Instant at, String text) {
        if (job.owns(path)) {
            job.files.add(path);
        }
        appends.computeIfAbsent(path, p -> new StringBuilder()).append(text);
        times.merge(path, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Replaces the content of {@code path} with {@code text} at {@code at}, dropping what this step appended before. */
    void rewrite(String path, Instant at, String text) {
        rewrites.put(path, text);
        appends.remove(path);
        times.merge(path, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** The files this step changed, in the order of their first change. */
    public List<String> changed() {
        return new ArrayList<>(times.keySet());
    }

    /** Applies the writes to the fake; answers the bytes written. */
    public long flush() {
        long bytes = 0;
        for (Map.Entry<String, Instant> entry : times.entrySet()) {
            String path = entry.getKey();
            String rewrite = rewrites.get(path);
            StringBuilder append = appends.get(path);
            if (rewrite != null) {
                byte[] out = (rewrite + (append == null ? "" : append)).getBytes(StandardCharsets.UTF_8);
                remote.write(path, out);
                sizes.put(path, (long) out.length);
                bytes += out.length;
            } else {
                byte[] out = append.toString().getBytes(StandardCharsets.UTF_8);
                remote.append(path, out);
                sizes.merge(path, (long) out.length, Long::sum);
                bytes += out.length;
            }
            remote.setModified(path, entry.getValue());
        }
        return bytes;
    }
}
