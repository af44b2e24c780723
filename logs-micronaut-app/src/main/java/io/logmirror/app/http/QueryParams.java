package io.logmirror.app.http;

import io.logmirror.app.http.wire.ValidationErrorBody.Issue;

import io.logmirror.core.time.TimeBound;
import io.logmirror.patterns.Level;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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

    /** A time bound ({@link TimeBound}'s forms), in the service's zone; 422 with the accepted forms otherwise. */
    static Optional<Instant> time(String name, String raw, Instant now) {
        Optional<String> text = nonBlank(raw);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TimeBound.parse(text.get(), ZoneId.systemDefault(), now));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(Issue.of("value_error", List.of("query", name), "Value error, " + e.getMessage(), raw, null));
        }
    }

    /** A boolean as pydantic reads one. */
    static boolean bool(String name, String raw, boolean defaultValue) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on", "t", "y" -> true;
            case "false", "0", "no", "off", "f", "n" -> false;
            default -> throw new ParameterException(Issue.of("bool_parsing", List.of("query", name),
                    "Input should be a valid boolean, unable to interpret input", raw, null));
        };
    }

    /** A level name ({@code warning}, {@code error}, ...; {@code warn} too), any case; {@code defaultValue} when blank. */
    static Level level(String name, String raw, Level defaultValue) {
        Optional<String> text = nonBlank(raw);
        if (text.isEmpty()) {
            return defaultValue;
        }
        String word = text.get().strip().toLowerCase(Locale.ROOT);
        if (word.equals("warn")) {
            return Level.WARNING;
        }
        for (Level level : Level.values()) {
            if (level.wireName().equals(word)) {
                return level;
            }
        }
        String expected = String.join(", ", Arrays.stream(Level.values()).map(l -> "'" + l.wireName() + "'").toList());
        throw new ParameterException(Issue.of("literal_error", List.of("query", name), "Input should be one of " + expected,
                raw, Map.of("expected", expected)));
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
