package io.logmirror.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logmirror.patterns.RuleFileException.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleFileExceptionTest {

    @Test
    void writesOneProblemLikeACompiler() {
        RuleFileException e = new RuleFileException("errors.yaml", List.of(new Problem(7, 12, "unknown level")), null);
        assertThat(e.getMessage()).isEqualTo("errors.yaml:7:12: unknown level");
        assertThat(e.source()).isEqualTo("errors.yaml");
    }

    @Test
    void countsAndListsSeveralProblemsWithOrWithoutPositions() {
        RuleFileException e = new RuleFileException("errors.yaml",
                List.of(new Problem(0, 0, "cannot read"), new Problem(3, 0, "bad")), null);
        assertThat(e.getMessage()).isEqualTo("errors.yaml: 2 problems\nerrors.yaml: cannot read\nerrors.yaml:3: bad");
        assertThat(e.problems()).hasSize(2);
    }

    @Test
    void needsAtLeastOneProblem() {
        assertThatThrownBy(() -> new RuleFileException("x", List.of(), null)).isInstanceOf(IllegalArgumentException.class);
    }
}
