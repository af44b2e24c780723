package io.logmirror.app.follow;

import io.micronaut.http.HttpRequest;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnError;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import io.logmirror.app.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * {@code GET /logs/stream}: the events of {@code /logs/follow} over WebSocket, one JSON text frame each
 * ({@code {"event":"line","id":"..","data":{..}}}). A client that falls behind gets a {@code dropped} event, as over
 * SSE: at most {@value #IN_FLIGHT} frames are written at once, the rest wait in the client's bounded queue.
 */
@ServerWebSocket("/logs/stream")
public class FollowSocket {

    private static final Logger LOG = LoggerFactory.getLogger(FollowSocket.class);
    static final int IN_FLIGHT = 16;
    private static final String FOLLOW = "logmirror.follow";

    private final Followers followers;

    public FollowSocket(Followers followers) {
        this.followers = followers;
    }

    @OnOpen
    public void onOpen(WebSocketSession session, HttpRequest<?> request) {
        Followers.Follow follow;
        try {
            follow = followers.open(name -> Optional.ofNullable(request.getParameters().get(name)),
                    Optional.ofNullable(request.getHeaders().get("Last-Event-ID")), event -> send(session, event));
        } catch (ApiException e) {
            session.close(new CloseReason(e.status().getCode() == 429 ? CloseReason.TRY_AGAIN_LATER.getCode()
                    : CloseReason.POLICY_VIOLATION.getCode(), truncate(e.getMessage())));
            return;
        }
        session.put(FOLLOW, follow);
        follow.request(IN_FLIGHT);
    }

    private static void send(WebSocketSession session, FollowEvent event) {
        Followers.Follow follow = session.get(FOLLOW, Followers.Follow.class).orElse(null);
        if (event.isHeartbeat()) {
            session.sendPingAsync(new byte[0]).whenComplete((ok, failure) -> next(follow, session, failure));
            return;
        }
        session.sendAsync(event.asJson()).whenComplete((ok, failure) -> next(follow, session, failure));
    }

    private static void next(Followers.Follow follow, WebSocketSession session, Throwable failure) {
        Followers.Follow current = follow != null ? follow : session.get(FOLLOW, Followers.Follow.class).orElse(null);
        if (current == null) {
            return;
        }
        if (failure != null) {
            LOG.debug("closing a follow stream whose send failed: {}", failure.toString());
            current.close();
            return;
        }
        current.request(1);
    }

    @OnMessage
    public void onMessage(String message, WebSocketSession session) {
        // Clients only listen; what they send is ignored.
    }

    @OnClose
    public void onClose(WebSocketSession session) {
        session.get(FOLLOW, Followers.Follow.class).ifPresent(Followers.Follow::close);
    }

    @OnError
    public void onError(WebSocketSession session, Throwable error) {
        session.get(FOLLOW, Followers.Follow.class).ifPresent(Followers.Follow::close);
    }

    /** A close reason must fit in a control frame (123 bytes). */
    private static String truncate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120);
    }
}
