package io.logmirror.app.http;

import io.logmirror.app.http.wire.ErrorBody;
import io.logmirror.app.http.wire.ValidationErrorBody;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Every error leaves as {@code {"detail": ...}} (422 as FastAPI's list), like the original's. */
final class ErrorHandlers {

    private ErrorHandlers() {
    }

    static MutableHttpResponse<ErrorBody> detail(HttpStatus status, String detail) {
        return HttpResponse.<ErrorBody>status(status).contentType(MediaType.APPLICATION_JSON_TYPE).body(new ErrorBody(detail));
    }

    /** The answers the controllers chose. */
    @Singleton
    static final class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<ErrorBody>> {
        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, ApiException exception) {
            MutableHttpResponse<ErrorBody> response = detail(exception.status(), exception.getMessage());
            exception.headers().forEach(response::header);
            return response;
        }
    }

    /** Bad query parameters: 422 with pydantic's list of issues. */
    @Singleton
    static final class ParameterExceptionHandler implements ExceptionHandler<ParameterException, HttpResponse<ValidationErrorBody>> {
        @Override
        public HttpResponse<ValidationErrorBody> handle(HttpRequest request, ParameterException exception) {
            return HttpResponse.<ValidationErrorBody>status(HttpStatus.UNPROCESSABLE_ENTITY)
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(new ValidationErrorBody(List.of(exception.issue())));
        }
    }

    /** Unexpected failures: logged with their cause, answered 500 with what happened (never a stack trace). */
    @Singleton
    static final class UnexpectedHandler implements ExceptionHandler<RuntimeException, HttpResponse<ErrorBody>> {
        private static final Logger LOG = LoggerFactory.getLogger(UnexpectedHandler.class);

        @Override
        public HttpResponse<ErrorBody> handle(HttpRequest request, RuntimeException exception) {
            LOG.error("{} {} failed", request.getMethod(), request.getPath(), exception);
            return detail(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error: " + exception.getMessage());
        }
    }

    /**
     * Micronaut's own errors (no such route, wrong method, unreadable request) in the original's shape,
     * with FastAPI's texts for the common ones ({@code "Not Found"}, {@code "Method Not Allowed"}).
     */
    @Singleton
    @Replaces(ErrorResponseProcessor.class)
    static final class DetailErrorResponseProcessor implements ErrorResponseProcessor<ErrorBody> {
        @Override
        public MutableHttpResponse<ErrorBody> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
            int code = response.code();
            String detail;
            if (code == 404 || code == 405 || code == 406 || code == 415) {
                detail = HttpStatus.valueOf(code).getReason();
            } else {
                detail = context.getErrors().stream().map(Error::getMessage).findFirst()
                        .orElse(HttpStatus.valueOf(code).getReason());
            }
            return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(new ErrorBody(detail));
        }
    }
}
