package io.logmirror.core.time;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a time bound a user typed, such as the {@code since=} and {@code until=} of a listing or a search. Accepted:
 * <ul>
 *   <li>an ISO 8601 date, {@code 2026-12-07}: its first instant (midnight) in the given zone;</li>
 *   <li>an ISO 8601 date-time with {@code T} or a space, minutes or seconds and an optional fraction:
 *       {@code 2026-12-07T10:00}, {@code 2026-12-07 10:00:00.5}; without an offset it is in the given zone, with one
 *       ({@code Z}, {@code +01:00}, {@code +0100}) it is absolute;</li>
 *   <li>epoch seconds, with an optional fraction: {@code 1796637600};</li>
 *   <li>an age relative to now: a whole number and a unit, {@code s}, {@code m}, {@code h}, {@code d} or {@code w}:
 *       {@code 15m} is fifteen minutes ago.</li>
 * </ul>
 * Surrounding spaces are ignored. Anything else is refused with an {@link IllegalArgumentException} whose message
 * quotes the value and lists these forms.
 *
 * <pre>{@code
 * Instant since = TimeBound.parse("2h", ZoneId.systemDefault(), Instant.now());
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class TimeBound {

    /** The accepted forms, as error messages list them. */
    public static final String FORMS = "use an ISO 8601 date (2026-12-07) or date-time (2026-12-07T10:00:00, with or "
            + "without an offset such as Z or +01:00; without one it is in the service's time zone), epoch seconds "
            + "(1796637600), or an age such as 15m, 2h, 7d (units s, m, h, d, w)";

    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,9})\\s*([smhdwSMHDW])");
    private static final Pattern EPOCH = Pattern.compile("(\\d{1,12})(?:\\.(\\d{1,9}))?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)(Z|z|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME.withLocale(Locale.ROOT);
    private static final int MAX_LENGTH = 64;

    private TimeBound() {
    }

    /**
     * The instant {@code text} names.
     *
     * @param zone the zone of dates and date-times written without an offset
     * @param now  the instant a relative age counts back from
     * @throws IllegalArgumentException when the text is none of the accepted forms, or not a real date or time;
     *                                  the message quotes it and says what to use
     */
    public static Instant parse(String text, ZoneId zone, Instant now) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(now, "now");
        String value = text.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("an empty time bound is not a time: " + FORMS);
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("'" + printable(value.substring(0, MAX_LENGTH)) + "...' is too long to be a time: " + FORMS);
        }
        Matcher relative = RELATIVE.matcher(value);
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            Duration unit = switch (Character.toLowerCase(relative.group(2).charAt(0))) {
                case 's' -> Duration.ofSeconds(1);
                case 'm' -> Duration.ofMinutes(1);
                case 'h' -> Duration.ofHours(1);
                case 'd' -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return now.minus(unit.multipliedBy(amount));
        }
        Matcher epoch = EPOCH.matcher(value);
        if (epoch.matches()) {
            long nanos = epoch.group(2) == null ? 0 : Long.parseLong((epoch.group(2) + "00000000").substring(0, 9));
            return Instant.ofEpochSecond(Long.parseLong(epoch.group(1)), nanos);
        }
        try {
            if (DATE.matcher(value).matches()) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            Matcher dateTime = DATE_TIME.matcher(value);
            if (dateTime.matches()) {
                String local = dateTime.group(1) + "T" + dateTime.group(2).replace(',', '.');
                String offset = dateTime.group(3);
                if (offset == null) {
                    return LocalDateTime.parse(local, LOCAL).atZone(zone).toInstant();
                }
                return OffsetDateTime.parse(local + normalizedOffset(offset)).toInstant();
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + printable(value) + "' is not a real date or time ("
                    + reason(e) + "): " + FORMS, e);
        }
        throw new IllegalArgumentException("'" + printable(value) + "' is not a time: " + FORMS);
    }

    private static String normalizedOffset(String offset) {
        if (offset.equalsIgnoreCase("Z")) {
            return "Z";
        }
        if (offset.length() == 3) {
            return offset + ":00";
        }
        return offset.length() == 5 ? offset.substring(0, 3) + ":" + offset.substring(3) : offset;
    }

    private static String reason(RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        int colon = message.lastIndexOf(": ");
        return colon >= 0 && cause == e ? message.substring(colon + 2) : message;
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
