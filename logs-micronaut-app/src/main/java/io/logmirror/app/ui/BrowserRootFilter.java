package io.logmirror.app.ui;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.net.URI;

/**
 * A browser asking for {@code /} (it sends {@code Accept: text/html}) is sent to the web page at {@code /ui/}; every
 * other client (the original's, {@code curl}, scripts) still gets the JSON description of the service.
 */
@ServerFilter("/")
public class BrowserRootFilter {

    @RequestFilter
    @Nullable
    public HttpResponse<?> redirectBrowsers(HttpRequest<?> request) {
        return isBrowserAtRoot(request) ? HttpResponse.seeOther(URI.create("/ui/")) : null;
    }

    private static boolean isBrowserAtRoot(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.GET || !request.getPath().equals("/")) {
            return false;
        }
        String accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html");
    }

    /**
     * Whether {@code request} is for the web page's own files or a browser's visit to {@code /}: neither holds log
     * data, so neither needs {@code API_TOKEN} (the page asks the user for it and sends it with its calls).
     */
    public static boolean isPublic(HttpRequest<?> request) {
        String path = request.getPath();
        return path.equals("/ui") || path.startsWith("/ui/") || isBrowserAtRoot(request);
    }
}
