package io.logmirror.app.ui;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The web page's entry: {@code /ui/} answers the page itself (its scripts and styles are static resources under
 * {@code /ui/}, served from the jar, so everything works offline.
 */
@Hidden
@Controller("/ui")
public class UiController {

    private final byte[] page;

    public UiController() {
        try (InputStream in = UiController.class.getResourceAsStream("/ui/index.html")) {
            if (in == null) {
                throw new IllegalStateException("the web page (ui/index.html) is missing from the jar");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web page from the jar", e);
        }
    }

    /** The page, at {@code /ui/} and {@code /ui} alike (the router treats a trailing slash as the same route). */
    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<byte[]> page() {
        return HttpResponse.ok(page).contentType(MediaType.TEXT_HTML_TYPE.toString() + "; charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }
}
