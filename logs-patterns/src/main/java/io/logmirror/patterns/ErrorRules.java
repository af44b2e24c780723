package io.logmirror.patterns;

import io.logmirror.patterns.internal.RuleFileParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The error signatures and traceback settings the analysis uses: an immutable, ordered rule set.
 * Levels ({@code ERROR}, {@code level=warn}, {@code E1207 ...}) are detected by built-in code; these
 * rules add the errors that carry no level (CUDA out of memory, NCCL, SLURM's time limit, ...).
 * The first rule that matches a line wins, so specific rules go first.
 *
 * <p>The shipped defaults are {@code io/logmirror/patterns/default-error-rules.yaml} (see
 * docs/errors.md). A user file adds rules in front of the defaults, replaces a default by using its
 * name, removes defaults with {@code disable: [name, ...]}, or leaves them out with
 * {@code defaults: false}:
 *
 * <pre>{@code
 * ErrorRules rules = ErrorRules.fromYaml(Path.of("/etc/logmirror/errors.yaml"));  // RuleFileException lists every mistake
 * ErrorRules same = ErrorRules.parse("""
 *         signatures:
 *           - name: disk-full
 *             level: error
 *             contains: 'No space left on device'
 *             job: failed
 *         """, "inline");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ErrorRules {

    /** The name of the built-in Python traceback signature. */
    public static final String PYTHON_TRACEBACK = "python-traceback";
    /** The kind of an event that only has a level (an {@code ERROR} line that no signature names). */
    public static final String LEVEL_ONLY = "level";
    /** Largest {@code traceback.maxLines}. */
    public static final int MAX_TRACEBACK_LINES = 10_000;

    private static final class Defaults {
        static final ErrorRules INSTANCE = RuleFileParser.parseResource("/io/logmirror/patterns/default-error-rules.yaml",
                "default-error-rules.yaml");
    }

    private final List<ErrorRule> signatures;
    private final boolean tracebacks;
    private final int tracebackMaxLines;
    private final String source;

    /**
     * A rule set from its parts.
     *
     * @param signatures the rules in order; names must be distinct
     * @param tracebacks whether Python tracebacks are gathered into one event
     * @param tracebackMaxLines lines kept of one traceback (1 to {@value #MAX_TRACEBACK_LINES}); a longer one is
     *        closed at that many lines
     * @param source where the rules came from, for messages
     */
    public ErrorRules(List<ErrorRule> signatures, boolean tracebacks, int tracebackMaxLines, String source) {
        this.signatures = List.copyOf(signatures);
        Set<String> names = new LinkedHashSet<>();
        for (ErrorRule rule : this.signatures) {
            if (!names.add(rule.name())) {
                throw new IllegalArgumentException("two rules are named '" + rule.name() + "': give each a distinct name");
            }
            if (rule.name().equals(PYTHON_TRACEBACK) || rule.name().equals(LEVEL_ONLY)) {
                throw new IllegalArgumentException("the rule name '" + rule.name() + "' is reserved for built-in events");
            }
        }
        if (tracebackMaxLines < 1 || tracebackMaxLines > MAX_TRACEBACK_LINES) {
            throw new IllegalArgumentException("traceback maxLines must be between 1 and " + MAX_TRACEBACK_LINES
                    + ", not " + tracebackMaxLines);
        }
        this.tracebacks = tracebacks;
        this.tracebackMaxLines = tracebackMaxLines;
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The shipped rules: tracebacks, CUDA/torch out of memory, NCCL, SLURM time limit and cancel, srun exit codes, the OOM killer, segmentation faults, Killed, Go panics, Java uncaught exceptions. */
    public static ErrorRules defaults() {
        return Defaults.INSTANCE;
    }

    /** Reads a UTF-8 YAML rule file; throws {@link RuleFileException} listing every mistake with its line. */
    public static ErrorRules fromYaml(Path file) {
        return RuleFileParser.parse(file, defaults());
    }

    /** Reads YAML text; {@code sourceName} names it in messages. Throws {@link RuleFileException}. */
    public static ErrorRules parse(String yaml, String sourceName) {
        return RuleFileParser.parse(yaml, sourceName, defaults());
    }

    /** The signatures, in the order they are tried. */
    public List<ErrorRule> signatures() {
        return signatures;
    }

    /** Whether Python tracebacks are gathered into one event (default true). */
    public boolean tracebacks() {
        return tracebacks;
    }

    /** Lines kept of one traceback (default 200). */
    public int tracebackMaxLines() {
        return tracebackMaxLines;
    }

    /** Where the rules came from. */
    public String source() {
        return source;
    }

    /**
     * These rules followed by {@code later}'s, leaving out those of {@code later} whose name is already
     * here or listed in {@code disabled}. Traceback settings are this set's.
     */
    public ErrorRules followedBy(ErrorRules later, Set<String> disabled) {
        List<ErrorRule> merged = new ArrayList<>(signatures);
        Set<String> names = new LinkedHashSet<>(disabled);
        signatures.forEach(r -> names.add(r.name()));
        for (ErrorRule rule : later.signatures) {
            if (!names.contains(rule.name())) {
                merged.add(rule);
            }
        }
        return new ErrorRules(merged, tracebacks, tracebackMaxLines, source);
    }

    @Override
    public String toString() {
        return "ErrorRules[" + source + ", " + signatures.size() + " signatures, tracebacks " + tracebacks + "]";
    }
}
