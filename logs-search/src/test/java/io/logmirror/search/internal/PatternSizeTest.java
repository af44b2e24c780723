package io.logmirror.search.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PatternSizeTest {

    @Test
    void countsAtomsOfASequence() {
        assertThat(PatternSize.estimate("abc")).isEqualTo(3);
        assertThat(PatternSize.estimate("[a-z]\\d\\p{Lu}")).isEqualTo(3);
    }

    @Test
    void multipliesNestedCountedRepetitions() {
        assertThat(PatternSize.estimate("(a{100}){100}")).isEqualTo(10_000);
        assertThat(PatternSize.estimate("((((a{100}){100}){100}){100})")).isEqualTo(100_000_000L);
        assertThat(PatternSize.estimate("x{2,1000}")).isEqualTo(1000);
        assertThat(PatternSize.estimate("x{5,}")).isEqualTo(5);
    }

    @Test
    void saturatesInsteadOfOverflowing() {
        assertThat(PatternSize.estimate("((((((a{1000}){1000}){1000}){1000}){1000}){1000})")).isPositive();
        assertThat(PatternSize.estimate("a{99999999999}")).isPositive().isGreaterThan(1_000_000L);
    }

    @Test
    void readsABraceThatIsNoRepetitionAsALiteral() {
        assertThat(PatternSize.estimate("a{x}")).isEqualTo(4);
        assertThat(PatternSize.estimate("a{")).isEqualTo(2);
    }

    @Test
    void addsUpAlternativesAndSurvivesUnbalancedParentheses() {
        assertThat(PatternSize.estimate("ab|cd")).isEqualTo(5);
        assertThat(PatternSize.estimate("a)b(c")).isPositive();
        assertThat(PatternSize.estimate("(")).isEqualTo(1);
    }
}
