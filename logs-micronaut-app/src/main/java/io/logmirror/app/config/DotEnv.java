package io.logmirror.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code .env} files the way the original service's python-dotenv did: {@code KEY=VALUE} lines,
 * an optional {@code export } prefix, {@code #} comment lines, single- or double-quoted values (double
 * quotes understand {@code \n}, {@code \t}, {@code \"} and {@code \\}), and an inline {@code # comment}
 * after an unquoted value when a space precedes the {@code #}. Lines that are not assignments are ignored,
 * as python-dotenv ignores them. {@code ${VAR}} expansion is not done.
 */
public final class DotEnv {

    private static final Pattern ASSIGNMENT =
            Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=\\s*(.*)$");

    private DotEnv() {
    }

    /** The assignments in {@code file}, in file order; an empty map when the file does not exist. */
    public static Map<String, String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** The assignments in {@code text}. */
    public static Map<String, String> parse(String text) {
        return parse(List.of(text.split("\\r?\\n", -1)));
    }

    private static Map<String, String> parse(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher m = ASSIGNMENT.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String key = m.group(1);
            String rest = m.group(2);
            if (rest.startsWith("\"") || rest.startsWith("'")) {
                char quote = rest.charAt(0);
                StringBuilder value = new StringBuilder();
                // A quoted value may span lines, as python-dotenv allows.
                String current = rest.substring(1);
                boolean closed = false;
                while (true) {
                    int end = closingQuote(current, quote);
                    if (end >= 0) {
                        value.append(current, 0, end);
                        closed = true;
                        break;
                    }
                    value.append(current);
                    if (i + 1 >= lines.size()) {
                        break;
                    }
                    value.append('\n');
                    current = lines.get(++i);
                }
                String raw = value.toString();
                values.put(key, closed && quote == '"' ? unescape(raw) : raw);
            } else {
                values.put(key, stripInlineComment(rest).strip());
            }
        }
        return values;
    }

    private static int closingQuote(String text, char quote) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    private static String stripInlineComment(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '#' && i > 0 && Character.isWhitespace(value.charAt(i - 1))) {
                return value.substring(0, i);
            }
        }
        return value;
    }

    private static String unescape(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '"' -> out.append('"');
                    case '\\' -> out.append('\\');
                    default -> out.append('\\').append(next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
