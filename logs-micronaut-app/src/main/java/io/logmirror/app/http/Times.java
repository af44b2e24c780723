package io.logmirror.app.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * How the API writes times: ISO-8601 in UTC with microseconds and an explicit {@code +00:00} offset, such as
 * {@code 2025-01-01T12:00:00.123456+00:00}. Python's {@code datetime.fromisoformat} (every version since 3.7)
 * and JavaScript's {@code Date} both read it; see {@code docs/api.md} for why not the original's local time.
 */
final class Times {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String iso(Instant instant) {
        return FORMAT.format(instant);
    }

    static String isoOrNull(Optional<Instant> instant) {
        return instant.map(Times::iso).orElse(null);
    }
}
