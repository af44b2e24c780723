package io.logmirror.categorizer.internal;

import io.logmirror.categorizer.RuleFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The problems found in one rule file, so that all of them are reported at once. A problem that leaves the rest of
 * a part (a rule, a matcher, a top-level key) meaningless is recorded and thrown as {@link Skip}, which
 * {@link #attempt} catches at the part's boundary; the reading goes on with the next part. Not thread-safe.
 */
final class RuleProblems {

    /** Abandons the current part of the file after its problem was recorded; carries no stack trace. */
    static final class Skip extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Skip() {
            super(null, null, false, false);
        }
    }

    private final String source;
    private final List<RuleFileException.Problem> found = new ArrayList<>();

    RuleProblems(String source) {
        this.source = source;
    }

    /** Records a problem at {@code node} and goes on. */
    void report(Node node, String problem) {
        Mark mark = node.getStartMark();
        found.add(new RuleFileException.Problem(source, mark == null ? 0 : mark.getLine() + 1,
                mark == null ? 0 : mark.getColumn() + 1, problem));
    }

    /** Records a problem at {@code node}; throw the result to abandon the current part. */
    Skip at(Node node, String problem) {
        report(node, problem);
        return new Skip();
    }

    /** Runs one part of the reading; its value, or empty when it was abandoned after a problem. */
    <T> Optional<T> attempt(Supplier<T> part) {
        try {
            return Optional.ofNullable(part.get());
        } catch (Skip skipped) {
            return Optional.empty();
        }
    }

    /** Runs one part of the reading that has no value. */
    void attempt(Runnable part) {
        try {
            part.run();
        } catch (Skip skipped) {
            // recorded where it was thrown
        }
    }

    /** How many problems were recorded so far. */
    int count() {
        return found.size();
    }

    /** Throws every problem recorded, in the order of the file; does nothing when there is none. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new RuleFileException(found);
        }
    }
}
