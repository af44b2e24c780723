package io.logmirror.retention;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A retention rule file (or a retention setting) is not valid. Every problem found is reported at once, each with
 * its line and column (1-based; 0 when unknown), like a compiler's:
 * <pre>
 * retention.yaml: 2 problems:
 *   retention.yaml:3:14: max_age '10 days' is not a duration: write a whole number and a unit, such as 30d, 12h, 90m
 *   retention.yaml:7:3: unknown category 'vlm'; known: server, client, monitoring, vllm, slurm, logs, uncategorized
 * </pre>
 */
public final class RetentionRulesException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** One problem: where it is and what to do. */
    public record Problem(String source, int line, int column, String message) {
        public Problem {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return source + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    public RetentionRulesException(List<Problem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in the order of the file. */
    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.get(0).source() + ": " + problems.size() + " problems:\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
