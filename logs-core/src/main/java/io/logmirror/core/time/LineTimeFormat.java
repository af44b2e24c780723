package io.logmirror.core.time;

/**
 * The timestamp formats {@link LineTimes} recognizes at the start of a log line (or, for JSON and logfmt, under a
 * time key). One format is chosen per file, from its first lines.
 */
public enum LineTimeFormat {

    /**
     * ISO 8601 with {@code T} or a space between date and time, seconds, an optional fraction after {@code .} or
     * {@code ,} and an optional offset ({@code Z}, {@code +01:00}, {@code +0100}, {@code +01}), at the start of the
     * line or right after a {@code [}: {@code 2026-12-07T10:00:00.123Z}, Python logging's
     * {@code 2026-12-07 10:00:00,123}, {@code [2026-12-07T10:00:00.123]}.
     */
    ISO_8601,

    /** vLLM's {@code INFO 12-07 10:00:00}: a level word, month-day and time; the year comes from the file's time. */
    VLLM,

    /** syslog's {@code Dec  7 10:00:00} (the day padded with a space or a zero); the year comes from the file's time. */
    SYSLOG,

    /**
     * glog's {@code I1207 10:00:00.123456} (a severity letter {@code I}, {@code W}, {@code E} or {@code F}, month-day,
     * time with an optional fraction); the year comes from the file's time.
     */
    GLOG,

    /** logfmt's {@code time=} or {@code ts=} key anywhere in the line, with an ISO 8601 value, quoted or not. */
    LOGFMT,

    /**
     * JSON lines with a {@code "time"}, {@code "timestamp"}, {@code "ts"}, {@code "@timestamp"} or {@code "created"}
     * key whose value is epoch seconds, milliseconds, microseconds or nanoseconds (told apart by size), or an ISO 8601
     * string.
     */
    JSON,

    /** No format recognized: no line of the file has a time of its own. */
    NONE
}
