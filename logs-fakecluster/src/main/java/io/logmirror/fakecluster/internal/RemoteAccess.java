package io.logmirror.fakecluster.internal;

import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fake's {@code RemoteSource} side: {@code list()} and {@code open()} over a {@link FakeTree}, with the faults a
 * test injected and the counters that prove what a sync read. Thread-safe. Internal: use {@code FakeRemote}.
 */
public final class RemoteAccess {

    private final String description;
    private final FakeTree tree;
    private final ReadFaults faults = new ReadFaults();
    private final AtomicInteger listingFailuresLeft = new AtomicInteger();

    private final AtomicInteger listCount = new AtomicInteger();
    private final AtomicInteger closeCount = new AtomicInteger();
    private final AtomicLong bytesRead = new AtomicLong();
    private final Map<String, AtomicLong> bytesReadPerFile = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> opensPerFile = new ConcurrentHashMap<>();

    public RemoteAccess(String description, FakeTree tree) {
        this.description = description;
        this.tree = tree;
    }

    /** The faults to inject; keys are scripted paths. */
    public ReadFaults faults() {
        return faults;
    }

    public void failListing(int times) {
        if (times < 0) {
            throw new IllegalArgumentException("failListing times must not be negative, was " + times);
        }
        listingFailuresLeft.set(times);
    }

    /** Removes every fault, listing failures included; pauses are released. */
    public void clearFaults() {
        faults.clear();
        listingFailuresLeft.set(0);
    }

    public RemoteListing list() throws IOException {
        listCount.incrementAndGet();
        int failuresLeft = listingFailuresLeft.getAndUpdate(left -> Math.max(0, left - 1));
        if (failuresLeft > 0) {
            throw new IOException(description + ": listing failed (fault injected by FakeRemote.failListing, "
                    + (failuresLeft - 1) + " more to come); the next sync retries");
        }
        return tree.list();
    }

    public InputStream open(RemoteFile file, long offset, long length) throws IOException {
        Objects.requireNonNull(file, "file");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative, were " + offset + " and " + length
                    + " for " + file.path());
        }
        String key = file.sourceName();
        String where = description + "/" + FakeTree.printable(key);
        opensPerFile.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (faults.isUnreadable(key)) {
            throw new AccessDeniedException(where, null, "permission denied (made unreadable by FakeRemote.unreadable)");
        }
        Path real = tree.readable(key);
        SeekableByteChannel channel = Files.newByteChannel(real, StandardOpenOption.READ);
        try {
            channel.position(offset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        AtomicLong perFile = bytesReadPerFile.computeIfAbsent(key, k -> new AtomicLong());
        return new FaultyInputStream(where, channel, length, faults.takeFor(key), count -> {
            perFile.addAndGet(count);
            bytesRead.addAndGet(count);
        });
    }

    public void countClose() {
        closeCount.incrementAndGet();
    }

    public int listCount() {
        return listCount.get();
    }

    public int openCount(String path) {
        AtomicInteger count = opensPerFile.get(path);
        return count == null ? 0 : count.get();
    }

    public int openCount() {
        return opensPerFile.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public long bytesRead(String path) {
        AtomicLong count = bytesReadPerFile.get(path);
        return count == null ? 0 : count.get();
    }

    public long bytesRead() {
        return bytesRead.get();
    }

    public int closeCount() {
        return closeCount.get();
    }

    public void resetCounters() {
        listCount.set(0);
        bytesRead.set(0);
        bytesReadPerFile.clear();
        opensPerFile.clear();
        closeCount.set(0);
    }
}
