package io.logmirror.categorizer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.logmirror.categorizer.RuleFileException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;

class RuleProblemsTest {

    private static Node node(String yaml) {
        return new Yaml().compose(new StringReader(yaml));
    }

    @Test
    void anAbandonedPartIsEmptyAndItsProblemIsKept() {
        RuleProblems problems = new RuleProblems("rules.yaml");
        Node bad = node("x: 1\n");

        assertThat(problems.<String>attempt(() -> {
            throw problems.at(bad, "first");
        })).isEmpty();
        assertThat(problems.attempt(() -> "fine")).contains("fine");
        assertThat(problems.count()).isEqualTo(1);
    }

    @Test
    void throwsEveryProblemTogetherAndNothingWhenThereIsNone() {
        RuleProblems problems = new RuleProblems("rules.yaml");
        problems.throwIfAny();
        problems.report(node("\n\nlate: 1\n"), "second");
        problems.report(node("early: 1\n"), "first");

        RuleFileException error = catchThrowableOfType(RuleFileException.class, problems::throwIfAny);

        assertThat(error.problems()).extracting(RuleFileException.Problem::problem).containsExactly("first", "second");
        assertThat(error.problems()).extracting(RuleFileException.Problem::line).containsExactly(1, 3);
    }
}
