package io.logmirror.app.follow;

import io.logmirror.app.config.FollowSettings;
import io.logmirror.app.config.VariableSource;
import io.logmirror.app.http.ApiException;
import io.logmirror.app.http.LogLocator;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogMirror;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Every live follower of both transports: admits at most {@code FOLLOW_MAX_CLIENTS} at once (429 beyond), sends each
 * a heartbeat when idle, and publishes their number as the gauge {@code logmirror.followers}. Thread-safe.
 */
@Singleton
public class Followers {

    private final LogMirror mirror;
    private final JsonMapper json;
    private final FollowSettings settings;
    private final AtomicInteger count = new AtomicInteger();
    private final Set<Follow> live = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeats;

    public Followers(LogMirror mirror, JsonMapper json, VariableSource variables, MeterRegistry registry) {
        this.mirror = mirror;
        this.json = json;
        this.settings = FollowSettings.from(variables.variables());
        Gauge.builder("logmirror.followers", count, AtomicInteger::get)
                .description("Clients following logs live over /logs/follow (SSE) and /logs/stream (WebSocket)")
                .register(registry);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "follow-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(() -> live.forEach(f -> f.queue.heartbeat()), period, period, TimeUnit.MILLISECONDS);
    }

    /** One admitted follower: its queue, and how to stop it (closing twice is harmless). */
    public static final class Follow implements AutoCloseable {
        private final ClientQueue queue;
        private final Runnable onClose;
        private Follower follower;
        private boolean closed;

        private Follow(ClientQueue queue, Runnable onClose) {
            this.queue = queue;
            this.onClose = onClose;
        }

        /** The client can take {@code n} more events. */
        public void request(long n) {
            queue.request(n);
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            if (follower != null) {
                follower.close();
            }
            queue.close();
            onClose.run();
        }
    }

    /** How many clients follow now. */
    public int count() {
        return count.get();
    }

    /** The cap, {@code FOLLOW_MAX_CLIENTS}. */
    public int maxClients() {
        return settings.maxClients();
    }

    /**
     * Admits a follower with these query parameters, subscribes it and queues its first lines; events go to
     * {@code sink} as {@link Follow#request} allows.
     *
     * @throws ApiException 400 for a bad parameter, 404 for an unknown file, 429 beyond the cap
     */
    Follow open(java.util.function.Function<String, Optional<String>> parameter, Optional<String> lastEventId,
                Consumer<FollowEvent> sink) {
        FollowQuery query = FollowQuery.parse(parameter, lastEventId, mirror.categories());
        Optional<LogEntry> file = query.path().map(p ->
                new LogLocator(mirror.store(), mirror.categories()).locate(p, OptionalInt.empty()));
        if (count.incrementAndGet() > settings.maxClients()) {
            count.decrementAndGet();
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many followers (FOLLOW_MAX_CLIENTS="
                    + settings.maxClients() + "): close another follow or try again later");
        }
        ClientQueue queue = new ClientQueue(settings.bufferEvents(), sink);
        Follow[] holder = new Follow[1];
        Follow follow = new Follow(queue, () -> {
            live.remove(holder[0]);
            count.decrementAndGet();
        });
        holder[0] = follow;
        live.add(follow);
        Follower follower = new Follower(mirror, query, file, queue,
                new LineEvents(json, mirror.store(), ZoneId.systemDefault()));
        follow.follower = follower;
        try {
            follower.start();
            queue.heartbeat(); // when no first lines wait, this sends the answer's headers now, not at the first line
        } catch (IOException e) {
            follow.close();
            throw new UncheckedIOException("cannot read the first lines to follow: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            follow.close();
            throw e;
        }
        return follow;
    }

    @PreDestroy
    void stop() {
        heartbeats.shutdownNow();
        live.forEach(Follow::close);
    }
}
