package io.logmirror.retention;

import io.logmirror.core.Category;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionRulesTest {

    @Test
    void givesACategoryItsOwnRuleAndEveryOtherTheDefaults() {
        RetentionRule defaults = RetentionRule.NONE.withMaxAge(Duration.ofDays(90));
        RetentionRule vllm = RetentionRule.NONE.withMaxFiles(3);
        RetentionRules rules = new RetentionRules(defaults, Map.of(Category.VLLM, vllm));
        assertThat(rules.ruleFor(Category.VLLM)).isEqualTo(vllm);
        assertThat(rules.ruleFor(Category.SLURM)).isEqualTo(defaults);
    }

    @Test
    void noneLimitsNothing() {
        assertThat(RetentionRules.NONE.ruleFor(Category.SERVER)).isEqualTo(RetentionRule.NONE);
    }
}
