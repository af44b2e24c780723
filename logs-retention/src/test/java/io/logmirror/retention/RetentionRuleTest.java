package io.logmirror.retention;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionRuleTest {

    @Test
    void noneHasNoLimitAndKeepsFilesTheRemoteHas() {
        assertThat(RetentionRule.NONE.maxAge()).isEmpty();
        assertThat(RetentionRule.NONE.maxTotalBytes()).isEmpty();
        assertThat(RetentionRule.NONE.maxFiles()).isEmpty();
        assertThat(RetentionRule.NONE.generationsKept()).isEmpty();
        assertThat(RetentionRule.NONE.includePresent()).isFalse();
    }

    @Test
    void buildsALimitAtATime() {
        RetentionRule rule = RetentionRule.NONE.withMaxAge(Duration.ofDays(3)).withMaxFiles(4).withMaxTotalBytes(5)
                .withGenerationsKept(6).withIncludePresent(true);
        assertThat(rule.maxAge()).hasValue(Duration.ofDays(3));
        assertThat(rule.maxFiles()).hasValue(4);
        assertThat(rule.maxTotalBytes()).hasValue(5);
        assertThat(rule.generationsKept()).hasValue(6);
        assertThat(rule.includePresent()).isTrue();
    }

    @Test
    void refusesNegativeLimitsNamingThem() {
        assertThatThrownBy(() -> RetentionRule.NONE.withMaxAge(Duration.ofDays(-1))).hasMessageContaining("maxAge");
        assertThatThrownBy(() -> RetentionRule.NONE.withMaxFiles(-1)).hasMessageContaining("maxFiles");
        assertThatThrownBy(() -> RetentionRule.NONE.withMaxTotalBytes(-1)).hasMessageContaining("maxTotalBytes");
        assertThatThrownBy(() -> RetentionRule.NONE.withGenerationsKept(-1)).hasMessageContaining("generationsKept");
    }
}
