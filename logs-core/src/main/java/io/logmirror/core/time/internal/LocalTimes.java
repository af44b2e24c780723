package io.logmirror.core.time.internal;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * Date and time arithmetic without allocation: epoch days from fields, and local date-times in one zone turned into
 * epoch milliseconds with the zone's offset cached per quarter of a local hour (lines of a file come in time order, so the cache
 * almost always hits). Not thread-safe: one per file being parsed.
 */
public final class LocalTimes {

    private static final int[] DAYS_BEFORE_MONTH = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

    private final ZoneRules rules;
    private final long fixedOffsetMillis;
    private final boolean fixed;
    private long cachedHour = Long.MIN_VALUE;
    private long cachedOffsetMillis;

    public LocalTimes(ZoneId zone) {
        this.rules = zone.getRules();
        this.fixed = rules.isFixedOffset();
        this.fixedOffsetMillis = fixed ? rules.getOffset(java.time.Instant.EPOCH).getTotalSeconds() * 1000L : 0;
    }

    /** Whether {@code year-month-day} is a real date (years 1 to 9999). */
    public static boolean validDate(int year, int month, int day) {
        if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        return day <= daysInMonth(year, month);
    }

    /** Whether the clock fields are a time of day (a leap second 60 is accepted, as 59). */
    public static boolean validTime(int hour, int minute, int second) {
        return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 60;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            return isLeap(year) ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    private static boolean isLeap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** Days from 1970-01-01 to a valid date (negative before). */
    public static long epochDay(int year, int month, int day) {
        long y = year - 1L;
        long days = 365 * y + Math.floorDiv(y, 4) - Math.floorDiv(y, 100) + Math.floorDiv(y, 400);
        days += DAYS_BEFORE_MONTH[month - 1] + (month > 2 && isLeap(year) ? 1 : 0) + day - 1;
        return days - 719_162; // days from 0001-01-01 to 1970-01-01
    }

    /** Milliseconds since the epoch of a date-time at UTC; second 60 counts as 59. */
    public static long utcMillis(int year, int month, int day, int hour, int minute, int second, int millis) {
        long seconds = epochDay(year, month, day) * 86_400 + hour * 3600L + minute * 60L + Math.min(second, 59);
        return seconds * 1000 + millis;
    }

    /** Milliseconds since the epoch of a valid local date-time in this zone (a gap or overlap takes the earlier offset). */
    public long zonedMillis(int year, int month, int day, int hour, int minute, int second, int millis) {
        long local = utcMillis(year, month, day, hour, minute, second, millis);
        if (fixed) {
            return local - fixedOffsetMillis;
        }
        long hourKey = Math.floorDiv(local, 900_000L); // transitions fall on quarter hours
        if (hourKey != cachedHour) {
            LocalDateTime dateTime = LocalDateTime.of(year, month, day, hour, minute, Math.min(second, 59));
            cachedOffsetMillis = rules.getOffset(dateTime).getTotalSeconds() * 1000L;
            cachedHour = hourKey;
        }
        return local - cachedOffsetMillis;
    }
}
