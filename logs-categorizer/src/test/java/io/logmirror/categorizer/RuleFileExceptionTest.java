package io.logmirror.categorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logmirror.categorizer.RuleFileException.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleFileExceptionTest {

    @Test
    void namesFileLineAndColumnLikeACompiler() {
        RuleFileException e = new RuleFileException("rules.yaml", 7, 5, "unknown key 'nmae'", null);

        assertThat(e).hasMessage("rules.yaml:7:5: unknown key 'nmae'");
        assertThat(e.source()).isEqualTo("rules.yaml");
        assertThat(e.line()).hasValue(7);
        assertThat(e.column()).hasValue(5);
        assertThat(e.problem()).isEqualTo("unknown key 'nmae'");
    }

    @Test
    void leavesOutWhatIsNotKnown() {
        RuleFileException noColumn = new RuleFileException("rules.yaml", 3, 0, "empty", null);
        RuleFileException noLine = new RuleFileException("rules.yaml", 0, 9, "too long", null);

        assertThat(noColumn).hasMessage("rules.yaml:3: empty");
        assertThat(noColumn.column()).isEmpty();
        assertThat(noLine).hasMessage("rules.yaml: too long");
        assertThat(noLine.line()).isEmpty();
        assertThat(noLine.column()).isEmpty();
    }

    @Test
    void keepsTheCause() {
        IllegalStateException cause = new IllegalStateException("boom");

        assertThat(new RuleFileException("r", 1, 1, "p", cause)).hasCause(cause);
    }

    @Test
    void oneProblemIsTheOnlyElementOfProblems() {
        RuleFileException e = new RuleFileException("rules.yaml", 7, 5, "unknown key 'nmae'", null);

        assertThat(e.problems()).containsExactly(new Problem("rules.yaml", 7, 5, "unknown key 'nmae'"));
    }

    @Test
    void severalProblemsAreListedOnePerLineInTheOrderOfTheFile() {
        RuleFileException error = new RuleFileException(List.of(
                new Problem("rules.yaml", 9, 3, "second"),
                new Problem("rules.yaml", 2, 1, "first")));

        assertThat(error).hasMessage("rules.yaml: 2 problems:\nrules.yaml:2:1: first\nrules.yaml:9:3: second");
        assertThat(error.line()).hasValue(2);
        assertThat(error.column()).hasValue(1);
        assertThat(error.problem()).isEqualTo("first");
        assertThat(error.problems()).extracting(Problem::problem).containsExactly("first", "second");
    }

    @Test
    void anUnknownLineLeavesTheLocationOut() {
        assertThat(new Problem("rules.yaml", 0, 4, "cannot read")).hasToString("rules.yaml: cannot read");
    }

    @Test
    void refusesAnEmptyListOfProblems() {
        assertThatThrownBy(() -> new RuleFileException(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one problem");
    }
}
