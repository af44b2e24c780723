package io.logmirror.sink.opensearch;

import io.logmirror.core.LogPath;
import io.logmirror.core.LogStore;
import io.logmirror.core.feed.FeedSubscription;
import io.logmirror.core.feed.LineFeed;
import io.logmirror.core.feed.LineSubscriber;
import io.logmirror.core.feed.LogLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the engine's line feed until it is merged: after each sync the test calls
 * {@link #publishNewLines(LogStore, LogPath)}, which delivers the complete lines added since the last call, read
 * through the store, on the test's thread.
 */
final class TestLineFeed implements LineFeed {

    private final List<LineSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Map<LogPath, long[]> published = new ConcurrentHashMap<>();   // {offset, next line number}

    @Override
    public FeedSubscription subscribe(LineSubscriber subscriber) {
        subscribers.add(subscriber);
        return new FeedSubscription() {
            @Override
            public long lastDelivered() {
                return 0;
            }

            @Override
            public int backlog() {
                return 0;
            }

            @Override
            public void close() {
                subscribers.remove(subscriber);
            }
        };
    }

    @Override
    public FeedSubscription subscribe(long fromSequence, LineSubscriber subscriber) {
        return subscribe(subscriber);
    }

    void publishNewLines(LogStore store, LogPath path) throws IOException {
        var entry = store.find(path).orElseThrow();
        long[] at = published.computeIfAbsent(path, p -> new long[] {0, 1});
        byte[] bytes;
        try (InputStream in = store.open(entry, at[0], entry.size() - at[0])) {
            bytes = in.readAllBytes();
        }
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                LogLine line = new LogLine(path, entry.category(), at[0] + start, at[1]++,
                        Arrays.copyOfRange(bytes, start, end), false, 1);
                subscribers.forEach(s -> s.onLine(line));
                start = i + 1;
            }
        }
        at[0] += start;
    }
}
