package io.logmirror.core.time.internal;

import io.logmirror.core.time.LineTimeFormat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The byte-level parsers behind {@link io.logmirror.core.time.LineTimes}: each reads one format from
 * {@code bytes[from, to)} and returns epoch milliseconds, or {@link #NONE}. They allocate nothing. Not thread-safe
 * (the zone cache): one per file being parsed.
 */
public final class TimeParsers {

    /** No time in the line. */
    public static final long NONE = Long.MIN_VALUE;

    /** The JSON keys tried, in order of preference; {@link #json} takes an index into this list, or -1 for any. */
    public static final String[] JSON_KEYS = {"time", "timestamp", "ts", "@timestamp", "created"};
    private static final byte[][] JSON_KEY_BYTES = quoted(JSON_KEYS);
    private static final byte[][] LOGFMT_KEYS = {bytes("time="), bytes("ts=")};
    private static final byte[][] MONTHS = {bytes("Jan"), bytes("Feb"), bytes("Mar"), bytes("Apr"), bytes("May"),
            bytes("Jun"), bytes("Jul"), bytes("Aug"), bytes("Sep"), bytes("Oct"), bytes("Nov"), bytes("Dec")};
    private static final long DAY_MILLIS = 86_400_000L;

    private final LocalTimes zone;
    private final long fileMillis;
    private final int fileYear;

    /**
     * @param zone     the zone of times written without an offset
     * @param fileTime the file's modification time: formats without a year take the year that puts them at most a
     *                 day after it
     */
    public TimeParsers(ZoneId zone, Instant fileTime) {
        this.zone = new LocalTimes(zone);
        this.fileMillis = fileTime.toEpochMilli();
        this.fileYear = fileTime.atZone(zone).getYear();
    }

    /** The time {@code format} finds in the line, or {@link #NONE}; {@code jsonKey} as for {@link #json}. */
    public long parse(LineTimeFormat format, int jsonKey, byte[] b, int from, int to) {
        switch (format) {
            case ISO_8601: return iso(b, from, to);
            case VLLM: return vllm(b, from, to);
            case SYSLOG: return syslog(b, from, to);
            case GLOG: return glog(b, from, to);
            case LOGFMT: return logfmt(b, from, to);
            case JSON: return json(jsonKey, b, from, to);
            default: return NONE;
        }
    }

    /** ISO 8601 at the start of the line or after a {@code [}. */
    public long iso(byte[] b, int from, int to) {
        int p = from < to && b[from] == '[' ? from + 1 : from;
        return isoAt(b, p, to);
    }

    /** {@code yyyy-MM-dd[T ]HH:mm:ss[.,fraction][offset]} starting exactly at {@code p}. */
    long isoAt(byte[] b, int p, int to) {
        if (p + 19 > to || b[p + 4] != '-' || b[p + 7] != '-' || b[p + 13] != ':' || b[p + 16] != ':') {
            return NONE;
        }
        byte separator = b[p + 10];
        if (separator != 'T' && separator != ' ' && separator != 't') {
            return NONE;
        }
        int century = d2(b, p);
        int yearOfCentury = d2(b, p + 2);
        int year = century < 0 || yearOfCentury < 0 ? -1 : century * 100 + yearOfCentury;
        int month = d2(b, p + 5);
        int day = d2(b, p + 8);
        int hour = d2(b, p + 11);
        int minute = d2(b, p + 14);
        int second = d2(b, p + 17);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0
                || !LocalTimes.validDate(year, month, day) || !LocalTimes.validTime(hour, minute, second)) {
            return NONE;
        }
        int q = p + 19;
        int millis = 0;
        if (q + 1 < to && (b[q] == '.' || b[q] == ',') && digit(b[q + 1])) {
            q++;
            int scale = 100;
            while (q < to && digit(b[q])) {
                millis += (b[q] - '0') * scale;
                scale /= 10;
                q++;
            }
        }
        if (q < to) {
            byte c = b[q];
            if (c == 'Z' || c == 'z') {
                return LocalTimes.utcMillis(year, month, day, hour, minute, second, millis);
            }
            if ((c == '+' || c == '-') && q + 3 <= to) {
                int hours = d2(b, q + 1);
                int minutes = 0;
                if (q + 6 <= to && b[q + 3] == ':') {
                    minutes = d2(b, q + 4);
                } else if (q + 5 <= to && digit(b[q + 3])) {
                    minutes = d2(b, q + 3);
                }
                if (hours >= 0 && hours <= 18 && minutes >= 0 && minutes <= 59) {
                    long offset = (hours * 3600L + minutes * 60L) * 1000;
                    long utc = LocalTimes.utcMillis(year, month, day, hour, minute, second, millis);
                    return c == '+' ? utc - offset : utc + offset;
                }
            }
        }
        return zone.zonedMillis(year, month, day, hour, minute, second, millis);
    }

    /** vLLM's {@code LEVEL MM-dd HH:mm:ss}. */
    public long vllm(byte[] b, int from, int to) {
        int p = from;
        while (p < to && p - from < 9 && b[p] >= 'A' && b[p] <= 'Z') {
            p++;
        }
        int level = p - from;
        if (level < 3 || level > 8 || p + 15 > to || b[p] != ' ' || b[p + 3] != '-' || b[p + 6] != ' '
                || b[p + 9] != ':' || b[p + 12] != ':') {
            return NONE;
        }
        return yearless(d2(b, p + 1), d2(b, p + 4), d2(b, p + 7), d2(b, p + 10), d2(b, p + 13), 0);
    }

    /** syslog's {@code MMM dd HH:mm:ss}, the day padded with a space or a zero. */
    public long syslog(byte[] b, int from, int to) {
        if (from + 15 > to || b[from + 3] != ' ' || b[from + 6] != ' ' || b[from + 9] != ':' || b[from + 12] != ':') {
            return NONE;
        }
        int month = -1;
        for (int m = 0; m < 12; m++) {
            byte[] name = MONTHS[m];
            if (b[from] == name[0] && b[from + 1] == name[1] && b[from + 2] == name[2]) {
                month = m + 1;
                break;
            }
        }
        int day = b[from + 4] == ' ' ? digitValue(b[from + 5]) : d2(b, from + 4);
        if (month < 0) {
            return NONE;
        }
        return yearless(month, day, d2(b, from + 7), d2(b, from + 10), d2(b, from + 13), 0);
    }

    /** glog's {@code Lmmdd HH:mm:ss[.ffffff]}. */
    public long glog(byte[] b, int from, int to) {
        if (from + 14 > to) {
            return NONE;
        }
        byte severity = b[from];
        if ((severity != 'I' && severity != 'W' && severity != 'E' && severity != 'F')
                || b[from + 5] != ' ' || b[from + 8] != ':' || b[from + 11] != ':') {
            return NONE;
        }
        int millis = 0;
        int q = from + 14;
        if (q + 1 < to && b[q] == '.' && digit(b[q + 1])) {
            int scale = 100;
            for (q++; q < to && digit(b[q]); q++) {
                millis += (b[q] - '0') * scale;
                scale /= 10;
            }
        }
        return yearless(d2(b, from + 1), d2(b, from + 3), d2(b, from + 6), d2(b, from + 9), d2(b, from + 12), millis);
    }

    /** logfmt's {@code time=} or {@code ts=} (at the start or after a space), ISO 8601 or epoch, quoted or not. */
    public long logfmt(byte[] b, int from, int to) {
        for (byte[] key : LOGFMT_KEYS) {
            int at = find(key, b, from, to);
            while (at >= 0) {
                if (at == from || b[at - 1] == ' ' || b[at - 1] == '\t') {
                    int p = at + key.length;
                    if (p < to && b[p] == '"') {
                        p++;
                    }
                    long time = isoAt(b, p, to);
                    return time != NONE ? time : epoch(b, p, to);
                }
                at = find(key, b, at + 1, to);
            }
        }
        return NONE;
    }

    /**
     * The value of a JSON time key: {@code key} indexes {@link #JSON_KEYS}, -1 tries each. The first occurrence of
     * the quoted key in the line is read, whatever its nesting.
     */
    public long json(int key, byte[] b, int from, int to) {
        if (key >= 0) {
            return jsonValue(JSON_KEY_BYTES[key], b, from, to);
        }
        for (byte[] name : JSON_KEY_BYTES) {
            long time = jsonValue(name, b, from, to);
            if (time != NONE) {
                return time;
            }
        }
        return NONE;
    }

    private long jsonValue(byte[] name, byte[] b, int from, int to) {
        int at = find(name, b, from, to);
        if (at < 0) {
            return NONE;
        }
        int p = skipSpaces(b, at + name.length, to);
        if (p >= to || b[p] != ':') {
            return NONE;
        }
        p = skipSpaces(b, p + 1, to);
        if (p < to && b[p] == '"') {
            return isoAt(b, p + 1, to);
        }
        return epoch(b, p, to);
    }

    /**
     * Epoch seconds (with an optional fraction), milliseconds, microseconds or nanoseconds, told apart by size: below
     * 10^11 seconds (up to the year 5138), below 10^14 milliseconds, below 10^17 microseconds, else nanoseconds.
     */
    long epoch(byte[] b, int p, int to) {
        long whole = 0;
        int digits = 0;
        while (p < to && digit(b[p])) {
            if (++digits > 19) {
                return NONE;
            }
            whole = whole * 10 + (b[p] - '0');
            p++;
        }
        if (digits == 0) {
            return NONE;
        }
        if (whole < 100_000_000_000L) {
            int millis = 0;
            if (p + 1 < to && b[p] == '.' && digit(b[p + 1])) {
                int scale = 100;
                for (p++; p < to && digit(b[p]); p++) {
                    millis += (b[p] - '0') * scale;
                    scale /= 10;
                }
            }
            return whole * 1000 + millis;
        }
        if (whole < 100_000_000_000_000L) {
            return whole;
        }
        return whole < 100_000_000_000_000_000L ? whole / 1000 : whole / 1_000_000;
    }

    /** A month-day-time without a year: the file's year, or the one before when that would be over a day after the file. */
    private long yearless(int month, int day, int hour, int minute, int second, int millis) {
        if (month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || !LocalTimes.validTime(hour, minute, second)) {
            return NONE;
        }
        int year = fileYear;
        if (LocalTimes.validDate(year, month, day)) {
            long time = zone.zonedMillis(year, month, day, hour, minute, second, millis);
            if (time <= fileMillis + DAY_MILLIS) {
                return time;
            }
        }
        year--;
        if (!LocalTimes.validDate(year, month, day)) {
            return NONE;
        }
        return zone.zonedMillis(year, month, day, hour, minute, second, millis);
    }

    private static int skipSpaces(byte[] b, int p, int to) {
        while (p < to && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return p;
    }

    /** The first index of {@code needle} in {@code b[from, to)}, or -1. */
    static int find(byte[] needle, byte[] b, int from, int to) {
        byte first = needle[0];
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (b[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static int digitValue(byte c) {
        return digit(c) ? c - '0' : -1;
    }

    /** Two decimal digits at {@code p}, or -1. */
    private static int d2(byte[] b, int p) {
        int high = b[p] - '0';
        int low = b[p + 1] - '0';
        return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] quoted(String[] keys) {
        byte[][] quoted = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            quoted[i] = bytes('"' + keys[i] + '"');
        }
        return quoted;
    }
}
