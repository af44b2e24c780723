package io.logmirror.categorizer;

import static org.assertj.core.api.Assertions.assertThat;

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
}
