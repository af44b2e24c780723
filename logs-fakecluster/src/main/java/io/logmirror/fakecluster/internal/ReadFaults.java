package io.logmirror.fakecluster.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The read faults a fake remote has been told to inject; thread-safe. */
public final class ReadFaults {

    /** A read held part-way until released. */
    public interface Pause {
        /** Blocks the reading thread until released. */
        void block() throws InterruptedException;

        /** Lets blocked reads go on. */
        void release();
    }

    /** The faults one opened stream carries. */
    public record StreamFaults(long failAfter, long pauseAfter, Pause pause, Duration slowDelay) {
        static final StreamFaults NONE = new StreamFaults(-1, -1, null, Duration.ZERO);
    }

    private record Failure(long afterBytes, int times) { }

    private record PendingPause(long afterBytes, Pause pause) { }

    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final Map<String, PendingPause> pauses = new ConcurrentHashMap<>();
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();
    private final List<Pause> allPauses = new ArrayList<>();
    private volatile Duration slowDelay = Duration.ZERO;

    public synchronized void failReads(String key, long afterBytes, int times) {
        if (afterBytes < 0) {
            throw new IllegalArgumentException("a read of '" + key + "' can fail after 0 or more bytes, not " + afterBytes);
        }
        failures.put(key, new Failure(afterBytes, times));
    }

    public void pauseNextRead(String key, long afterBytes, Pause pause) {
        synchronized (allPauses) {
            allPauses.add(pause);
        }
        PendingPause previous = pauses.put(key, new PendingPause(afterBytes, pause));
        if (previous != null) {
            previous.pause().release();
        }
    }

    public void slowReads(Duration perChunk) {
        slowDelay = perChunk;
    }

    public void unreadable(String key) {
        unreadable.add(key);
    }

    public boolean isUnreadable(String key) {
        return unreadable.contains(key);
    }

    /** The faults for a stream of {@code key} being opened now; one-shot faults are used up. */
    public synchronized StreamFaults takeFor(String key) {
        long failAfter = -1;
        Failure failure = failures.get(key);
        if (failure != null) {
            failAfter = failure.afterBytes();
            if (failure.times() == 1) {
                failures.remove(key);
            } else if (failure.times() != Integer.MAX_VALUE) {
                failures.put(key, new Failure(failure.afterBytes(), failure.times() - 1));
            }
        }
        PendingPause pending = pauses.remove(key);
        if (failAfter < 0 && pending == null && slowDelay.isZero()) {
            return StreamFaults.NONE;
        }
        return new StreamFaults(failAfter, pending == null ? -1 : pending.afterBytes(),
                pending == null ? null : pending.pause(), slowDelay);
    }

    public synchronized void clear() {
        failures.clear();
        pauses.clear();
        unreadable.clear();
        slowDelay = Duration.ZERO;
        synchronized (allPauses) {
            allPauses.forEach(Pause::release);
            allPauses.clear();
        }
    }
}
