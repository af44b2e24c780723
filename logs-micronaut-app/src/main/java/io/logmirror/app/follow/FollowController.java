package io.logmirror.app.follow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** {@code GET /logs/follow}: live lines as server-sent events (docs/api.md, "Live follow"). */
@Controller("/logs")
public class FollowController {

    /** Runs demand signals (and so the sends they release) off the caller's thread; idle threads end. */
    private static final Executor DEMAND = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> {
                Thread thread = new Thread(task, "follow-demand");
                thread.setDaemon(true);
                return thread;
            });

    private final Followers followers;

    public FollowController(Followers followers) {
        this.followers = followers;
    }

    @Operation(summary = "Follow one file (path=) or a set (service=, glob=) live, as server-sent events")
    @Get(value = "/follow", produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Publisher<Event<String>> follow(HttpRequest<?> request,
                                           @Nullable @Header("Last-Event-ID") String lastEventId) {
        AtomicReference<Subscriber<? super Event<String>>> subscriber = new AtomicReference<>();
        Followers.Follow follow = followers.open(name -> Optional.ofNullable(request.getParameters().get(name)),
                Optional.ofNullable(lastEventId), event -> subscriber.get().onNext(toSse(event)));
        return s -> {
            if (!subscriber.compareAndSet(null, s)) {
                s.onSubscribe(new Subscription() {
                    @Override
                    public void request(long n) {
                    }

                    @Override
                    public void cancel() {
                    }
                });
                s.onError(new IllegalStateException("a follow stream has one subscriber"));
                return;
            }
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    if (n <= 0) {
                        follow.close();
                        s.onError(new IllegalArgumentException("request(" + n + ") breaks rule 3.9 of reactive streams"));
                        return;
                    }
                    // Never call onNext from inside request(): Micronaut's stream counts the demand after the call.
                    DEMAND.execute(() -> follow.request(n));
                }

                @Override
                public void cancel() {
                    follow.close();
                }
            });
        };
    }

    static Event<String> toSse(FollowEvent event) {
        if (event.isHeartbeat()) {
            return Event.of("").comment("heartbeat");
        }
        Event<String> sse = Event.of(event.data()).name(event.name());
        return event.id().map(sse::id).orElse(sse);
    }
}
