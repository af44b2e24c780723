package io.logmirror.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorRuleTest {

    @Test
    void matchesALiteralThenItsRegex() {
        ErrorRule rule = new ErrorRule("disk", Level.ERROR, List.of("No space", "ENOSPC"),
                Optional.of(java.util.regex.Pattern.compile("left on device|ENOSPC")), Optional.of(JobState.FAILED));
        assertThat(rule.matches("write failed: No space left on device")).isTrue();
        assertThat(rule.matches("errno ENOSPC")).isTrue();
        assertThat(rule.matches("No space for doubt")).isFalse();
        assertThat(rule.matches("disk full")).isFalse();
    }

    @Test
    void refusesBadNamesAndMissingOrEmptyLiterals() {
        assertThatThrownBy(() -> new ErrorRule("Bad Name", Level.ERROR, List.of("x"), Optional.empty(), Optional.empty()))
                .hasMessageContaining("lower-case");
        assertThatThrownBy(() -> new ErrorRule("a", Level.ERROR, List.of(), Optional.empty(), Optional.empty()))
                .hasMessageContaining("at least one literal");
        assertThatThrownBy(() -> new ErrorRule("a", Level.ERROR, List.of(""), Optional.empty(), Optional.empty()))
                .hasMessageContaining("empty literal");
    }
}
