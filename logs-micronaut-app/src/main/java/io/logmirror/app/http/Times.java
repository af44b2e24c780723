package io.logmirror.app.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * How the API writes times: exactly as the original did, Python's {@code datetime.fromtimestamp(t).isoformat()}:
 * the service's local time (its {@code TZ}) without an offset, with microseconds unless they are zero, such as
 * {@code 2025-01-01T12:00:00.123456} or {@code 2025-01-01T12:00:00}. Clients that subtract these from a naive
 * {@code datetime.now()} keep working; run the service with {@code TZ=UTC} (as the Docker image does) for UTC.
 */
final class Times {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MICROSECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private Times() {
    }

    static String iso(Instant instant) {
        return iso(instant, ZoneId.systemDefault());
    }

    static String iso(Instant instant, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(asPythonSeesIt(instant), zone);
        return (local.getNano() == 0 ? SECONDS : MICROSECONDS).format(local);
    }

    /**
     * The instant at microsecond precision exactly as the original computed it: {@code os.stat().st_mtime} is a
     * double ({@code seconds + nanoseconds * 1e-9}) and {@code datetime.fromtimestamp} rounds its fraction half-even
     * to microseconds (CPython's {@code _PyTime_DoubleToDenominator}), carrying into the next second. Truncating
     * instead wrote another microsecond than the original for most files with nanosecond times (found side by side).
     */
    static Instant asPythonSeesIt(Instant instant) {
        double seconds = (double) instant.getEpochSecond() + instant.getNano() * 1e-9;
        double whole = seconds < 0 ? Math.ceil(seconds) : Math.floor(seconds); // C's modf: towards zero
        double micros = Math.rint((seconds - whole) * 1e6); // rint rounds half to even
        if (micros >= 1e6) {
            micros -= 1e6;
            whole += 1;
        } else if (micros < 0) {
            micros += 1e6;
            whole -= 1;
        }
        return Instant.ofEpochSecond((long) whole, (long) micros * 1000);
    }

    static String isoOrNull(Optional<Instant> instant) {
        return instant.map(Times::iso).orElse(null);
    }
}
