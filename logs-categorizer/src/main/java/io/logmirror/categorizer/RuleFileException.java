package io.logmirror.categorizer;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A categorization rule file could not be read, does not parse, or describes invalid rules.
 *
 * <p>The message names the file, the line and column (1-based, when known) and the problem, like a
 * compiler's: {@code rules.yaml:7:5: unknown key 'nmae' in rule 2; allowed keys: category, name,
 * path, content}. It is thrown at start-up, so a bad rule file stops the service instead of
 * silently sorting files wrongly.
 *
 * <pre>{@code
 * try {
 *     categorizer = RuleCategorizer.fromYaml(Path.of("/etc/logmirror/categories.yaml"));
 * } catch (RuleFileException e) {
 *     log.error("fix the rule file: {}", e.getMessage());
 *     throw e;
 * }
 * }</pre>
 */
public final class RuleFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * A problem in {@code source}.
     *
     * @param source the file name (or another name for where the text came from)
     * @param line the 1-based line, or 0 when unknown
     * @param column the 1-based column, or 0 when unknown
     * @param problem what is wrong and, where possible, what to do
     * @param cause the underlying exception, or {@code null}
     */
    public RuleFileException(String source, int line, int column, String problem, Throwable cause) {
        super(format(source, line, column, problem), cause);
        this.source = Objects.requireNonNull(source, "source");
        this.line = Math.max(0, line);
        this.column = line > 0 ? Math.max(0, column) : 0;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    private static String format(String source, int line, int column, String problem) {
        StringBuilder out = new StringBuilder(source);
        if (line > 0) {
            out.append(':').append(line);
            if (column > 0) {
                out.append(':').append(column);
            }
        }
        return out.append(": ").append(problem).toString();
    }

    /** The file (or source name) the problem is in. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem, when known. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    /** The 1-based column of the problem, when known. */
    public OptionalInt column() {
        return column > 0 ? OptionalInt.of(column) : OptionalInt.empty();
    }

    /** The problem alone, without the location. */
    public String problem() {
        return problem;
    }
}
