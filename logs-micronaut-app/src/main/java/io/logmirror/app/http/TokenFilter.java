package io.logmirror.app.http;

import io.logmirror.app.config.AppSettings;
import io.logmirror.app.ui.BrowserRootFilter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;

/**
 * When {@code API_TOKEN} is set, every request but {@code GET /health} and the web page's own files (which hold no
 * data: the page asks for the token and sends it with each call) must carry
 * {@code Authorization: Bearer <token>}; others get 401 with a detail. Tokens are compared in constant time
 * (over SHA-256 digests, so not even the length leaks). {@code GET /logs/follow} and {@code GET /logs/stream} also
 * accept it as the query parameter {@code token}, since browsers cannot set headers on {@code EventSource} or a
 * WebSocket; no other endpoint does, and the token is never logged.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class TokenFilter implements Ordered {

    private static final String BEARER = "Bearer ";
    /** The query parameter live follow accepts the token in, on {@link #FOLLOW_PATHS} only. */
    static final String TOKEN_PARAMETER = "token";
    static final Set<String> FOLLOW_PATHS = Set.of("/logs/follow", "/logs/stream");

    private final Optional<byte[]> expected;

    public TokenFilter(AppSettings settings) {
        this.expected = settings.apiToken().map(secret -> digest(secret.value()));
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        if (expected.isEmpty() || request.getPath().equals("/health") || BrowserRootFilter.isPublic(request)) {
            return null;
        }
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null && FOLLOW_PATHS.contains(request.getPath())) {
            // Browsers cannot set headers on EventSource or WebSocket: these two take ?token= too (never logged).
            String token = request.getParameters().get(TOKEN_PARAMETER);
            if (token != null) {
                return MessageDigest.isEqual(expected.get(), digest(token.strip())) ? null
                        : unauthorized("Invalid token");
            }
        }
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return unauthorized("Missing bearer token: send the header 'Authorization: Bearer <API_TOKEN>'");
        }
        byte[] given = digest(header.substring(BEARER.length()).strip());
        if (!MessageDigest.isEqual(expected.get(), given)) {
            return unauthorized("Invalid bearer token");
        }
        return null;
    }

    private static HttpResponse<?> unauthorized(String detail) {
        return ErrorHandlers.detail(HttpStatus.UNAUTHORIZED, detail).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
