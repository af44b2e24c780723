package io.logmirror.retention.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations ({@code 30d}) and sizes ({@code 20GiB}) as rule files and settings write them. */
public final class Quantities {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smhdw])");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,9})?)\\s*([kmgt]i?b|b)?");

    /** How a duration is written, for error messages. */
    public static final String DURATION_HINT = "write a whole number and a unit (s, m, h, d or w), such as 30d, 12h "
            + "or 90m; 0 means at once";
    /** How a size is written, for error messages. */
    public static final String SIZE_HINT = "write a number and a unit, such as 500MB, 20GiB or 1.5TB "
            + "(KB, MB, GB, TB are powers of 1000; KiB, MiB, GiB, TiB powers of 1024; no unit means bytes)";

    private Quantities() {
    }

    /** {@code 0}, or a whole number and a unit; empty when it is not one. */
    public static Optional<Duration> duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        });
    }

    /** A number of bytes with an optional unit; empty when it is not one or exceeds a long. */
    public static Optional<Long> size(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        if (unit.equals("b") && m.group(1).contains(".")) {
            return Optional.empty(); // a fraction of a byte
        }
        BigDecimal factor = switch (unit) {
            case "kb" -> BigDecimal.TEN.pow(3);
            case "mb" -> BigDecimal.TEN.pow(6);
            case "gb" -> BigDecimal.TEN.pow(9);
            case "tb" -> BigDecimal.TEN.pow(12);
            case "kib" -> BigDecimal.valueOf(1L << 10);
            case "mib" -> BigDecimal.valueOf(1L << 20);
            case "gib" -> BigDecimal.valueOf(1L << 30);
            case "tib" -> BigDecimal.valueOf(1L << 40);
            default -> BigDecimal.ONE;
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(factor);
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Optional.empty();
        }
        return Optional.of(bytes.longValue());
    }

    /** A duration as rule files write it: {@code 7d}, {@code 36h}, {@code 90m}, {@code 0}. */
    public static String format(Duration duration) {
        long s = duration.getSeconds();
        if (s == 0) {
            return "0";
        }
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
