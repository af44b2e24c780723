package io.logmirror.categorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextMatcherTest {

    @Test
    void regexAndGlobFactoriesKeepThePatternsInOrder() {
        assertThat(TextMatcher.regex("a", "b").patterns()).containsExactly("a", "b");
        assertThat(TextMatcher.regex("a").syntax()).isEqualTo(TextMatcher.Syntax.REGEX);
        assertThat(TextMatcher.glob("*.out").syntax()).isEqualTo(TextMatcher.Syntax.GLOB);
    }

    @Test
    void matchersWithTheSamePatternsAreEqual() {
        assertThat(TextMatcher.glob("*.out", "*.err")).isEqualTo(new TextMatcher(TextMatcher.Syntax.GLOB, List.of("*.out", "*.err")));
        assertThat(TextMatcher.glob("*.out")).isNotEqualTo(TextMatcher.regex("*.out".substring(1)));
    }

    @Test
    void thePatternListIsACopyThatCannotBeChanged() {
        List<String> patterns = new ArrayList<>(List.of("a"));
        TextMatcher matcher = new TextMatcher(TextMatcher.Syntax.REGEX, patterns);
        patterns.add("b");

        assertThat(matcher.patterns()).containsExactly("a");
        assertThatThrownBy(() -> matcher.patterns().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesAnInvalidRegexNamingItAndWhere() {
        assertThatThrownBy(() -> TextMatcher.regex("ok", "server[-_"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid regex 'server[-_': Unclosed character class at index 8")
                .hasMessageContaining("quote special characters");
    }

    @Test
    void refusesAnInvalidGlobNamingIt() {
        assertThatThrownBy(() -> TextMatcher.glob("[abc"))
                .hasMessageStartingWith("invalid glob '[abc': '[' at index 0 is never closed");
        assertThatThrownBy(() -> TextMatcher.glob("[z-a]"))
                .hasMessageStartingWith("invalid glob '[z-a]': Illegal character range");
    }

    @Test
    void refusesAnEmptyPatternAndAnEmptyList() {
        assertThatThrownBy(() -> TextMatcher.regex(""))
                .hasMessageContaining("empty regex pattern: it would match every file");
        assertThatThrownBy(() -> new TextMatcher(TextMatcher.Syntax.GLOB, List.of()))
                .hasMessage("a glob matcher needs at least one pattern");
    }

    @Test
    void showsItsSyntaxAndPatterns() {
        assertThat(TextMatcher.glob("loadgen-*")).hasToString("glob[loadgen-*]");
    }
}
