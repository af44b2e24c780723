package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * A 422 body in the shape FastAPI (pydantic 2) gives for a bad query parameter, so clients of the original
 * see the same thing: {@code {"detail": [{"type", "loc", "msg", "input", "ctx"}]}}.
 */
@Serdeable
public record ValidationErrorBody(@JsonProperty("detail") List<Issue> detail) {

    /**
     * One rejected parameter.
     *
     * @param type  {@code missing}, {@code int_parsing}, {@code greater_than_equal}, {@code less_than_equal} or {@code value_error}
     * @param loc   where: {@code ["query", "<name>"]}
     * @param msg   what is wrong, in pydantic's words
     * @param input the value given; null when missing
     * @param ctx   the bound that was broken, such as {@code {"le": 1000}}; absent when none
     * @param url   pydantic's page for the error type, as FastAPI 0.104 with pydantic 2.5 (the original's pins) sent it
     */
    @Serdeable
    public record Issue(@JsonProperty("type") String type,
                        @JsonProperty("loc") List<String> loc,
                        @JsonProperty("msg") String msg,
                        @JsonProperty("input") @Nullable String input,
                        @JsonProperty("ctx") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Map<String, Object> ctx,
                        @JsonProperty("url") String url) {

        /** The documentation address pydantic 2.5 gives for {@code type}. */
        public static String urlFor(String type) {
            return "https://errors.pydantic.dev/2.5/v/" + type;
        }

        /** An issue with the url pydantic 2.5 gives for its type. */
        public static Issue of(String type, java.util.List<String> loc, String msg, @Nullable String input,
                               @Nullable Map<String, Object> ctx) {
            return new Issue(type, loc, msg, input, ctx, urlFor(type));
        }
    }
}
