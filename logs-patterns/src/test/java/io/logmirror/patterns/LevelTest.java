package io.logmirror.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LevelTest {

    @Test
    void readsEveryWordForALevelInAnyCase() {
        assertThat(Level.fromWord("warn")).contains(Level.WARNING);
        assertThat(Level.fromWord("WRN")).contains(Level.WARNING);
        assertThat(Level.fromWord("Severe")).contains(Level.ERROR);
        assertThat(Level.fromWord("fatal")).contains(Level.CRITICAL);
        assertThat(Level.fromWord("DPANIC")).contains(Level.CRITICAL);
        assertThat(Level.fromWord("notice")).contains(Level.INFO);
        assertThat(Level.fromWord("trc")).contains(Level.TRACE);
        assertThat(Level.fromWord("errors")).isEmpty();
        assertThat(Level.fromWord("")).isEmpty();
    }

    @Test
    void ordersBySeverityAndNamesItselfInLowerCase() {
        assertThat(Level.ERROR).isGreaterThan(Level.WARNING);
        assertThat(Level.CRITICAL.isError()).isTrue();
        assertThat(Level.WARNING.isWarning()).isTrue();
        assertThat(Level.INFO.isError()).isFalse();
        assertThat(Level.WARNING.wireName()).isEqualTo("warning");
    }
}
