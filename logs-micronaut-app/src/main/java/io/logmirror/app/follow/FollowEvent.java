package io.logmirror.app.follow;

import java.util.Objects;
import java.util.Optional;

/**
 * One event for a follower, in the form both transports send: SSE writes {@code id}, {@code event} and {@code data};
 * WebSocket sends {@link #asJson()}.
 *
 * @param name {@code line}, {@code replaced}, {@code gone}, {@code dropped}, or {@code heartbeat} (an SSE comment)
 * @param id   where a client resumes after this event ({@code Last-Event-ID}); empty for markers
 * @param data the event's JSON object
 */
record FollowEvent(String name, Optional<String> id, String data) {

    static final String LINE = "line";
    static final String REPLACED = "replaced";
    static final String GONE = "gone";
    static final String DROPPED = "dropped";
    static final String HEARTBEAT = "heartbeat";

    static final FollowEvent HEARTBEAT_EVENT = new FollowEvent(HEARTBEAT, Optional.empty(), "{}");

    FollowEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(data, "data");
    }

    boolean isHeartbeat() {
        return name.equals(HEARTBEAT);
    }

    /** The WebSocket frame: {@code {"event":"line","id":"..","data":{..}}}. */
    String asJson() {
        return "{\"event\":\"" + name + "\"" + id.map(i -> ",\"id\":\"" + i + "\"").orElse("") + ",\"data\":" + data + "}";
    }
}
