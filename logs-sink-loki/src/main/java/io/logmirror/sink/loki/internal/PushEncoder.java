package io.logmirror.sink.loki.internal;

import io.logmirror.core.LogPath;
import io.logmirror.core.feed.LogLine;
import io.logmirror.core.sink.JobIds;
import io.logmirror.core.sink.SinkLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
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
 * Lines with the same labels (the same file) share one stream, in batch order.
 */
final class PushEncoder {

    private final String cluster;

    PushEncoder(String cluster) {
        this.cluster = cluster;
    }

    byte[] encode(List<SinkLine> batch) throws IOException {
        Map<LogPath, List<SinkLine>> streams = new LinkedHashMap<>();
        for (SinkLine line : batch) {
            streams.computeIfAbsent(line.line().path(), p -> new ArrayList<>()).add(line);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(batch.size() * 48 + 256);
        try (OutputStream gzip = new FastGzip(bytes);
             Writer out = new OutputStreamWriter(gzip, StandardCharsets.UTF_8)) {
            StringBuilder json = new StringBuilder(64 * 1024);
            json.append("{\"streams\":[");
            boolean firstStream = true;
            for (List<SinkLine> lines : streams.values()) {
                if (!firstStream) {
                    json.append(',');
                }
                firstStream = false;
                appendStream(json, lines);
                if (json.length() > 32 * 1024) {
                    out.append(json);
                    json.setLength(0);
                }
            }
            json.append("]}");
            out.append(json);
        }
        return bytes.toByteArray();
    }

    private void appendStream(StringBuilder json, List<SinkLine> lines) {
        LogLine first = lines.get(0).line();
        json.append("{\"stream\":{\"cluster\":");
        string(json, cluster);
        json.append(",\"service\":");
        string(json, first.category().name());
        json.append(",\"filename\":");
        string(json, first.path().toString());
        JobIds.of(first.path()).ifPresent(job -> {
            json.append(",\"job\":");
            string(json, job);
        });
        json.append("},\"values\":[");
        for (int i = 0; i < lines.size(); i++) {
            SinkLine line = lines.get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append("[\"").append(nanos(line.time())).append("\",");
            string(json, line.line().text());
            if (line.level().isPresent() || line.patternId().isPresent()) {
                json.append(",{");
                line.level().ifPresent(level -> {
                    json.append("\"level\":");
                    string(json, level);
                });
                line.patternId().ifPresent(pattern -> {
                    if (line.level().isPresent()) {
                        json.append(',');
                    }
                    json.append("\"pattern\":");
                    string(json, pattern);
                });
                json.append('}');
            }
            json.append(']');
        }
        json.append("]}");
    }

    static String nanos(Instant time) {
        long seconds = time.getEpochSecond();
        if (seconds < 0) {
            return "0";
        }
        return seconds == 0 ? Integer.toString(time.getNano())
                : seconds + String.format("%09d", time.getNano());
    }

    /** Appends {@code s} as a JSON string: quotes, backslash and control characters escaped. */
    static void string(StringBuilder json, String s) {
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
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /** Gzip at the fastest level: log lines compress well even so, and the sink must keep up with the mirror. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
