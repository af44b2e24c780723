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

/**
 * When {@code API_TOKEN} is set, every request but {@code GET /health} and the web page's own files (which hold no
 * data: the page asks for the token and sends it with each call) must carry
 * {@code Authorization: Bearer <token>}; others get 401 with a detail. Tokens are compared in constant time
 * (over SHA-256 digests, so not even the length leaks).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class TokenFilter implements Ordered {

    private static final String BEARER = "Bearer ";

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
