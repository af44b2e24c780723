package io.logmirror.app.http;

import io.logmirror.app.http.wire.ValidationErrorBody.Issue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Checks query parameters the way the original's FastAPI declarations did ({@code Query(50, ge=1, le=1000)}),
 * with the same 422 messages pydantic gives.
 */
final class QueryParams {

    private QueryParams() {
    }

    /** A required text parameter. */
    static String required(String name, String raw) {
        if (raw == null) {
            throw new ParameterException(Issue.of("missing", List.of("query", name), "Field required", null, null));
        }
        return raw;
    }

    /** An optional whole number from {@code min} to {@code max}. */
    static OptionalInt optionalInt(String name, String raw, int min, int max) {
        if (raw == null) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) check(name, raw, min, max));
    }

    /** A whole number from {@code min} to {@code max}, {@code defaultValue} when absent. */
    static int intOrDefault(String name, String raw, int defaultValue, int min, int max) {
        return optionalInt(name, raw, min, max).orElse(defaultValue);
    }

    /** An optional whole number from {@code min} to {@code max}. */
    static OptionalLong optionalLong(String name, String raw, long min, long max) {
        if (raw == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(check(name, raw, min, max));
    }

    /** A parameter given together with one it excludes. */
    static ParameterException conflict(String name, String raw, String message) {
        return new ParameterException(Issue.of("value_error", List.of("query", name), message, raw, null));
    }

    static Optional<String> nonBlank(String raw) {
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw);
    }

    private static long check(String name, String raw, long min, long max) {
        long value;
        try {
            value = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new ParameterException(Issue.of("int_parsing", List.of("query", name),
                    "Input should be a valid integer, unable to parse string as an integer", raw, null));
        }
        if (value < min) {
            throw new ParameterException(Issue.of("greater_than_equal", List.of("query", name),
                    "Input should be greater than or equal to " + min, raw, Map.of("ge", min)));
        }
        if (value > max) {
            throw new ParameterException(Issue.of("less_than_equal", List.of("query", name),
                    "Input should be less than or equal to " + max, raw, Map.of("le", max)));
        }
        return value;
    }
}
