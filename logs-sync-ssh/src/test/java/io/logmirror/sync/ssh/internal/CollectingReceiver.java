package io.logmirror.sync.ssh.internal;

import io.logmirror.core.FetchedRange;
import io.logmirror.core.RangeReceiver;
import io.logmirror.core.RangeRequest;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A receiver for tests: keeps every range's bytes (what could be read before a failure, and the failure). */
public final class CollectingReceiver implements RangeReceiver {

    /** What one range delivered. */
    public record Got(FetchedRange range, byte[] bytes, IOException readFailure) {
    }

    public final Map<String, Got> ranges = new ConcurrentHashMap<>();
    public final Map<String, IOException> failures = new ConcurrentHashMap<>();
    public final AtomicInteger calls = new AtomicInteger();

    @Override
    public void onRange(FetchedRange range) {
        calls.incrementAndGet();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        IOException failure = null;
        try {
            int n;
            while ((n = range.bytes().read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            failure = e;
        }
        ranges.put(range.request().file().path().toString(), new Got(range, out.toByteArray(), failure));
    }

    @Override
    public void onFailure(RangeRequest request, IOException cause) {
        calls.incrementAndGet();
        failures.put(request.file().path().toString(), cause);
    }

    public byte[] bytes(String path) {
        Got got = ranges.get(path);
        if (got == null) {
            throw new AssertionError("no range for " + path + "; failures: " + failures);
        }
        if (got.readFailure() != null) {
            throw new AssertionError("reading " + path + " failed", got.readFailure());
        }
        return got.bytes();
    }
}
