package io.logmirror.categorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logmirror.core.Category;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleTest {

    @Test
    void byNameMakesANameOnlyRule() {
        Rule rule = Rule.byName(Category.CLIENT, TextMatcher.glob("loadgen-*"));

        assertThat(rule.category()).isEqualTo(Category.CLIENT);
        assertThat(rule.name()).contains(TextMatcher.glob("loadgen-*"));
        assertThat(rule.path()).isEmpty();
        assertThat(rule.content()).isEmpty();
        assertThat(rule.readsContent()).isFalse();
    }

    @Test
    void theBuilderSetsEveryMatcher() {
        Rule rule = Rule.builder(Category.VLLM)
                .name(TextMatcher.glob("*.out"))
                .path(TextMatcher.glob("jobs/**"))
                .content(TextMatcher.regex("vLLM"))
                .build();

        assertThat(rule.name()).contains(TextMatcher.glob("*.out"));
        assertThat(rule.path()).contains(TextMatcher.glob("jobs/**"));
        assertThat(rule.content()).contains(TextMatcher.regex("vLLM"));
        assertThat(rule.readsContent()).isTrue();
    }

    @Test
    void refusesARuleWithoutAnyMatcher() {
        assertThatThrownBy(() -> Rule.builder(Category.SERVER).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the rule for category 'server' has no matcher: give it a name, path or content matcher");
    }

    @Test
    void refusesAGlobOverContent() {
        assertThatThrownBy(() -> new Rule(Category.VLLM, Optional.empty(), Optional.empty(), Optional.of(TextMatcher.glob("*vLLM*"))))
                .hasMessageContaining("the content matcher of the rule for category 'vllm' is a glob");
    }
}
