package io.logmirror.app.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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
        LocalDateTime local = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneId.systemDefault());
        return (local.getNano() == 0 ? SECONDS : MICROSECONDS).format(local);
    }

    static String isoOrNull(Optional<Instant> instant) {
        return instant.map(Times::iso).orElse(null);
    }
}
