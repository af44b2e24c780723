package io.logmirror.patterns;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An error rule file could not be read, does not parse, or has mistakes. Every mistake the parser
 * found is reported at once, each with its line and column, like a compiler's messages:
 *
 * <pre>
 * errors.yaml: 2 problems
 * errors.yaml:7:12: rule 'oom': unknown level 'errror'; levels: trace, debug, info, warning, error, critical
 * errors.yaml:11:5: rule 'disk' has no 'contains': add one or more literals the line must contain
 * </pre>
 *
 * <pre>{@code
 * try {
 *     rules = ErrorRules.fromYaml(Path.of("/etc/logmirror/errors.yaml"));
 * } catch (RuleFileException e) {
 *     e.problems().forEach(p -> log.error("{}:{}: {}", e.source(), p.line(), p.message()));
 * }
 * }</pre>
 */
public final class RuleFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * One mistake.
     *
     * @param line the 1-based line, 0 when unknown
     * @param column the 1-based column, 0 when unknown
     * @param message what is wrong and what to do
     */
    public record Problem(int line, int column, String message) {
        public Problem {
            Objects.requireNonNull(message, "message");
        }
    }

    private final String source;
    private final transient List<Problem> problems;

    /** Mistakes in {@code source}, at least one. */
    public RuleFileException(String source, List<Problem> problems, Throwable cause) {
        super(format(source, problems), cause);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a RuleFileException needs at least one problem");
        }
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    private static String format(String source, List<Problem> problems) {
        String lines = problems.stream().map(p -> where(source, p) + ": " + p.message()).collect(Collectors.joining("\n"));
        return problems.size() == 1 ? lines : source + ": " + problems.size() + " problems\n" + lines;
    }

    private static String where(String source, Problem p) {
        if (p.line() <= 0) {
            return source;
        }
        return source + ":" + p.line() + (p.column() > 0 ? ":" + p.column() : "");
    }

    /** The file (or other name of the text) the mistakes are in. */
    public String source() {
        return source;
    }

    /** Every mistake found, in the order of the file. */
    public List<Problem> problems() {
        return problems;
    }
}
