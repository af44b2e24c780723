package io.logmirror.categorizer;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * A categorization rule file could not be read, does not parse, or describes invalid rules.
 *
 * <p>The message names the file, the line and column (1-based, when known) and the problem, like a
 * compiler's: {@code rules.yaml:7:5: unknown key 'nmae' in rule 2; allowed keys: category, name,
 * path, content}. A file with several mistakes reports all of them at once, one per line of the
 * message and one per element of {@link #problems()}, in the order of the file, so they can be fixed in
 * one go (a YAML syntax error stops the reading, so it comes alone). It is thrown at start-up, so a bad
 * rule file stops the service instead of silently sorting files wrongly.
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
    private final List<Problem> problems;

    /**
     * One mistake in a rule file.
     *
     * @param source the file name (or another name for where the text came from)
     * @param line the 1-based line, or 0 when unknown
     * @param column the 1-based column, or 0 when unknown (always 0 when the line is unknown)
     * @param problem what is wrong and, where possible, what to do
     */
    public record Problem(String source, int line, int column, String problem) implements java.io.Serializable {

        /** Checks the values; a negative line or column counts as unknown. */
        public Problem {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(problem, "problem");
            line = Math.max(0, line);
            column = line > 0 ? Math.max(0, column) : 0;
        }

        /** Compiler style: {@code rules.yaml:7:5: the problem}. */
        @Override
        public String toString() {
            return format(source, line, column, problem);
        }
    }

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
        this(List.of(new Problem(source, line, column, problem)), cause);
    }

    /**
     * Several problems in one file, reported together in the order of their lines.
     *
     * @param problems at least one, all from the same source
     * @throws IllegalArgumentException when {@code problems} is empty
     */
    public RuleFileException(List<Problem> problems) {
        this(problems, null);
    }

    private RuleFileException(List<Problem> problems, Throwable cause) {
        super(format(sorted(problems)), cause);
        List<Problem> inOrder = sorted(problems);
        Problem first = inOrder.get(0);
        this.problems = inOrder;
        this.source = first.source();
        this.line = first.line();
        this.column = first.column();
        this.problem = first.problem();
    }

    private static List<Problem> sorted(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a RuleFileException needs at least one problem");
        }
        return problems.stream()
                .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                .toList();
    }

    private static String format(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.get(0).source() + ": " + problems.size() + " problems:\n"
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
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

    /** Every problem found, in the order of the file (by line, then column); the first is the one of {@link #line()}. */
    public List<Problem> problems() {
        return problems;
    }

    /** The file (or source name) the problem is in. */
    public String source() {
        return source;
    }

    /** The 1-based line of the (first) problem, when known. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }

    /** The 1-based column of the (first) problem, when known. */
    public OptionalInt column() {
        return column > 0 ? OptionalInt.of(column) : OptionalInt.empty();
    }

    /** The (first) problem alone, without the location. */
    public String problem() {
        return problem;
    }
}
