package io.logmirror.app.config;

import java.time.Duration;
import java.util.Map;

/**
 * The live-follow variables ({@code FOLLOW_*}; docs/configuration.md), read apart from {@link AppSettings} so that
 * each stays small.
 *
 * @param maxClients   {@code FOLLOW_MAX_CLIENTS}: followers served at once over SSE and WebSocket together; one more
 *                     gets 429. 1 to 100,000, default {@value #DEFAULT_MAX_CLIENTS}
 * @param bufferEvents {@code FOLLOW_BUFFER_EVENTS}: events waiting for one slow client before it gets a
 *                     {@code dropped} event instead. 16 to 1,000,000, default {@value #DEFAULT_BUFFER_EVENTS}
 * @param heartbeat    {@code FOLLOW_HEARTBEAT} in seconds: how often an idle stream gets a comment (SSE) or a ping
 *                     frame (WebSocket), which also finds dead connections. 1 to 3600, default 15
 */
public record FollowSettings(int maxClients, int bufferEvents, Duration heartbeat) {

    public static final int DEFAULT_MAX_CLIENTS = 1000;
    public static final int DEFAULT_BUFFER_EVENTS = 4096;
    public static final int DEFAULT_HEARTBEAT_SECONDS = 15;

    /**
     * Reads and checks the variables.
     *
     * @throws InvalidSettingsException naming each variable whose value is not allowed
     */
    public static FollowSettings from(Map<String, String> variables) {
        VariableReader r = new VariableReader(variables);
        int maxClients = r.integer("FOLLOW_MAX_CLIENTS", DEFAULT_MAX_CLIENTS, 1, 100_000);
        int buffer = r.integer("FOLLOW_BUFFER_EVENTS", DEFAULT_BUFFER_EVENTS, 16, 1_000_000);
        int heartbeat = r.integer("FOLLOW_HEARTBEAT", DEFAULT_HEARTBEAT_SECONDS, 1, 3600);
        r.throwIfAny();
        return new FollowSettings(maxClients, buffer, Duration.ofSeconds(heartbeat));
    }
}
