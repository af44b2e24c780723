package io.logmirror.sink.loki.internal;

import io.logmirror.core.LogPath;
import io.logmirror.core.feed.LogLine;
import io.logmirror.core.sink.JobIds;
import io.logmirror.core.sink.SinkLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a batch as the body of Loki's JSON push request, gzip-compressed:
 * {@code {"streams":[{"stream":{labels},"values":[["<unix ns>","<line>",{metadata}], ...]}, ...]}}.
 * Lines with the same labels (the same file) share one stream, in batch order. A line of printable ASCII (most log
 * lines) is copied as it is; any other is decoded as UTF-8 (malformed bytes become U+FFFD) and escaped.
 */
final class PushEncoder {

    private static final int CHUNK = 64 * 1024;

    private final String cluster;

    PushEncoder(String cluster) {
        this.cluster = cluster;
    }

    byte[] encode(List<SinkLine> batch) throws IOException {
        Map<LogPath, List<SinkLine>> streams = new LinkedHashMap<>();
        for (SinkLine line : batch) {
            streams.computeIfAbsent(line.line().path(), p -> new ArrayList<>()).add(line);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(batch.size() * 24 + 256);
        try (OutputStream gzip = new FastGzip(bytes)) {
            Json json = new Json(gzip);
            json.ascii("{\"streams\":[");
            boolean firstStream = true;
            for (List<SinkLine> lines : streams.values()) {
                if (!firstStream) {
                    json.ascii(",");
                }
                firstStream = false;
                appendStream(json, lines);
            }
            json.ascii("]}");
            json.flush();
        }
        return bytes.toByteArray();
    }

    private void appendStream(Json json, List<SinkLine> lines) throws IOException {
        LogLine first = lines.get(0).line();
        json.ascii("{\"stream\":{\"cluster\":");
        json.string(cluster);
        json.ascii(",\"service\":");
        json.string(first.category().name());
        json.ascii(",\"filename\":");
        json.string(first.path().toString());
        var job = JobIds.of(first.path());
        if (job.isPresent()) {
            json.ascii(",\"job\":");
            json.string(job.get());
        }
        json.ascii("},\"values\":[");
        for (int i = 0; i < lines.size(); i++) {
            SinkLine line = lines.get(i);
            json.ascii(i > 0 ? ",[\"" : "[\"");
            json.ascii(nanos(line.time()));
            json.ascii("\",");
            json.string(line.line().bytes());
            if (line.level().isPresent() || line.patternId().isPresent()) {
                json.ascii(",{");
                if (line.level().isPresent()) {
                    json.ascii("\"level\":");
                    json.string(line.level().get());
                }
                if (line.patternId().isPresent()) {
                    json.ascii(line.level().isPresent() ? ",\"pattern\":" : "\"pattern\":");
                    json.string(line.patternId().get());
                }
                json.ascii("}");
            }
            json.ascii("]");
        }
        json.ascii("]}");
    }

    /** Unix epoch nanoseconds as decimal digits; 0 before the epoch. */
    static String nanos(Instant time) {
        long seconds = time.getEpochSecond();
        if (seconds < 0) {
            return "0";
        }
        if (seconds == 0) {
            return Integer.toString(time.getNano());
        }
        String nano = Integer.toString(time.getNano());
        return seconds + "000000000".substring(nano.length()) + nano;
    }

    /** Appends {@code s} as a JSON string: quotes, backslash and control characters escaped. */
    static void escape(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /** A byte buffer in front of the gzip stream. */
    private static final class Json {
        private final OutputStream out;
        private final byte[] buffer = new byte[CHUNK];
        private final StringBuilder escaped = new StringBuilder(256);
        private int length;

        Json(OutputStream out) {
            this.out = out;
        }

        void ascii(String s) throws IOException {
            int n = s.length();
            if (length + n > buffer.length) {
                flush();
            }
            if (n > buffer.length) {
                out.write(s.getBytes(StandardCharsets.US_ASCII));
                return;
            }
            s.getBytes(0, n, buffer, length);   // ASCII only: the deprecated copy is exact and fast
            length += n;
        }

        void string(String s) throws IOException {
            escaped.setLength(0);
            escape(escaped, s);
            raw(escaped.toString().getBytes(StandardCharsets.UTF_8));
        }

        void string(byte[] line) throws IOException {
            for (byte b : line) {
                if (b < 0x20 || b == '"' || b == '\\' || b == 0x7f) {   // negative: not ASCII
                    string(new String(line, StandardCharsets.UTF_8));
                    return;
                }
            }
            if (length + line.length + 2 > buffer.length) {
                flush();
            }
            if (line.length + 2 > buffer.length) {
                out.write('"');
                out.write(line);
                out.write('"');
                return;
            }
            buffer[length++] = '"';
            System.arraycopy(line, 0, buffer, length, line.length);
            length += line.length;
            buffer[length++] = '"';
        }

        private void raw(byte[] bytes) throws IOException {
            if (length + bytes.length > buffer.length) {
                flush();
            }
            if (bytes.length > buffer.length) {
                out.write(bytes);
                return;
            }
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
        }

        void flush() throws IOException {
            out.write(buffer, 0, length);
            length = 0;
        }
    }

    /** Gzip at the fastest level: log lines compress well even so, and the sink must keep up with the mirror. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, CHUNK);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
