package io.logmirror.app.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;

import java.util.Map;

/** An error answer: a status and the {@code detail} text, plus headers the answer needs (such as {@code Content-Range}). */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final transient Map<String, String> headers;

    public ApiException(HttpStatus status, String detail) {
        this(status, detail, Map.of());
    }

    ApiException(HttpStatus status, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    /** The answer's status. */
    public HttpStatus status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    static ApiException invalidPath() {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid path");
    }

    static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, "Log file not found");
    }

    static ApiException notAFile() {
        return new ApiException(HttpStatus.BAD_REQUEST, "Path is not a file");
    }

    /** 416 for a read that starts beyond the end of a file of {@code size} bytes, with the size as RFC 9110 asks. */
    static ApiException beyondTheEnd(String detail, long size) {
        return new ApiException(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, detail,
                Map.of(HttpHeaders.CONTENT_RANGE, "bytes */" + size));
    }
}
