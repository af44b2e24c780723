package io.logmirror.app.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the API description that micronaut-openapi generated at compile time: the document at
 * {@code /openapi.json} and its Swagger UI page at {@code /docs} (assets under {@code /swagger-ui/res/}, served from
 * the jar: no CDN).
 */
@Controller
@Hidden
public class ApiDocsController {

    static final String SPEC = "META-INF/swagger/logs-service.json";
    static final String UI = "META-INF/swagger/views/swagger-ui/index.html";

    private final byte[] spec = resource(SPEC);
    private final byte[] page = resource(UI);

    /** The document; {@code /docs/logs-service.json} is where the generated page looks for it. */
    @Get(uris = {"/openapi.json", "/docs/logs-service.json"}, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> spec() {
        return HttpResponse.ok(spec);
    }

    @Get(value = "/docs", produces = MediaType.TEXT_HTML)
    public HttpResponse<byte[]> docs() {
        return HttpResponse.ok(page);
    }

    private static byte[] resource(String name) {
        try (InputStream in = ApiDocsController.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the build did not generate " + name + ": rebuild with the micronaut-openapi annotation processor");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the jar", e);
        }
    }
}
