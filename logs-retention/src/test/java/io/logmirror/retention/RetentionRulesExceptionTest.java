package io.logmirror.retention;

import io.logmirror.retention.RetentionRulesException.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionRulesExceptionTest {

    @Test
    void showsOneProblemLikeACompilerAndSeveralAsAList() {
        Problem one = new Problem("r.yaml", 3, 14, "max_age 'x' is not a duration");
        Problem two = new Problem("DATA_DIR_MAX_GB", 0, 0, "'0' is not allowed");
        assertThat(new RetentionRulesException(List.of(one)).getMessage())
                .isEqualTo("r.yaml:3:14: max_age 'x' is not a duration");
        assertThat(new RetentionRulesException(List.of(one, two)).getMessage()).isEqualTo("""
                r.yaml: 2 problems:
                  r.yaml:3:14: max_age 'x' is not a duration
                  DATA_DIR_MAX_GB: '0' is not allowed""");
        assertThat(new RetentionRulesException(List.of(one, two)).problems()).containsExactly(one, two);
    }
}
