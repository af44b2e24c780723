package io.logmirror.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorRulesTest {

    private static ErrorRule rule(String name) {
        return new ErrorRule(name, Level.ERROR, List.of(name), Optional.empty(), Optional.empty());
    }

    @Test
    void shipsTheSignaturesOfTheIssueWithTracebacksOn() {
        ErrorRules defaults = ErrorRules.defaults();
        assertThat(defaults.signatures()).extracting(ErrorRule::name).startsWith("slurm-time-limit", "slurm-cancelled");
        assertThat(defaults.tracebacks()).isTrue();
        assertThat(defaults.tracebackMaxLines()).isEqualTo(200);
    }

    @Test
    void putsOneSetsRulesBeforeAnothersSkippingRepeatedAndDisabledNames() {
        ErrorRules mine = new ErrorRules(List.of(rule("a"), rule("b")), true, 10, "mine");
        ErrorRules theirs = new ErrorRules(List.of(rule("b"), rule("c"), rule("d")), false, 20, "theirs");
        ErrorRules both = mine.followedBy(theirs, Set.of("d"));
        assertThat(both.signatures()).extracting(ErrorRule::name).containsExactly("a", "b", "c");
        assertThat(both.tracebackMaxLines()).isEqualTo(10);
    }

    @Test
    void refusesTwoRulesOfOneNameReservedNamesAndABadLineLimit() {
        assertThatThrownBy(() -> new ErrorRules(List.of(rule("a"), rule("a")), true, 10, "x")).hasMessageContaining("'a'");
        assertThatThrownBy(() -> new ErrorRules(List.of(rule("level")), true, 10, "x")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> new ErrorRules(List.of(), true, 0, "x")).hasMessageContaining("maxLines");
    }

    @Test
    void parsesYamlInFrontOfTheDefaults() {
        ErrorRules rules = ErrorRules.parse("signatures:\n  - name: disk-full\n    contains: No space left\n", "inline");
        assertThat(rules.signatures().get(0).name()).isEqualTo("disk-full");
        assertThat(rules.signatures()).hasSize(ErrorRules.defaults().signatures().size() + 1);
    }
}
