package io.logmirror.patterns;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One error signature: a line that contains any of {@link #contains()} (case-sensitive literals, the
 * fast path every line goes through) and, when a {@link #regex()} is given, also matches it
 * ({@code find}, anywhere in the line), is an error event of kind {@link #name()} at {@link #level()}
 * (or the line's own level when that is higher). When {@link #job()} is present the event also tells
 * the job's state; a named group {@code exit} in the regex gives the exit code.
 *
 * <pre>{@code
 * ErrorRule rule = new ErrorRule("disk-full", Level.ERROR, List.of("No space left on device"),
 *         Optional.empty(), Optional.of(JobState.FAILED));
 * }</pre>
 *
 * @param name the kind of the event: lower case letters, digits, '-' and '_', 1 to 64 characters
 * @param level the level of the event
 * @param contains literals, at least one; a line must contain one of them
 * @param regex an optional refinement, tested only on lines that contain a literal
 * @param job the job state this signature proves, if any
 */
public record ErrorRule(String name, Level level, List<String> contains, Optional<Pattern> regex, Optional<JobState> job) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public ErrorRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(regex, "regex");
        Objects.requireNonNull(job, "job");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("rule name '" + name + "' must be 1 to 64 lower-case letters, digits, "
                    + "'-' or '_', starting with a letter or digit");
        }
        contains = List.copyOf(contains);
        if (contains.isEmpty()) {
            throw new IllegalArgumentException("rule '" + name + "' needs at least one literal in 'contains' "
                    + "(the fast check every line goes through)");
        }
        for (String literal : contains) {
            if (literal.isEmpty()) {
                throw new IllegalArgumentException("rule '" + name + "' has an empty literal in 'contains': "
                        + "every line would contain it; remove it");
            }
        }
    }

    /** Whether the rule matches the line; the result of the regex, when any, is not kept. */
    public boolean matches(String line) {
        return containsAny(line) && regex.map(p -> p.matcher(line).find()).orElse(true);
    }

    boolean containsAny(String line) {
        for (int i = 0, n = contains.size(); i < n; i++) {
            if (line.contains(contains.get(i))) {
                return true;
            }
        }
        return false;
    }
}
