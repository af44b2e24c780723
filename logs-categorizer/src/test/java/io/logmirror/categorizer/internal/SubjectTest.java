package io.logmirror.categorizer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubjectTest {

    @Test
    void lowerCasesAsciiLettersWhenFoldingCase() {
        Subject subject = new Subject("SERVER-1.Log", true);

        assertThat(subject.isPrintableAscii()).isTrue();
        assertThat(subject.fastForm()).isEqualTo("server-1.log");
        assertThat(subject.text()).isEqualTo("SERVER-1.Log");
    }

    @Test
    void keepsTheTextItselfWhenThereIsNothingToFold() {
        String text = "server-1.log";

        assertThat(new Subject(text, true).fastForm()).isSameAs(text);
        assertThat(new Subject("SERVER", false).fastForm()).isEqualTo("SERVER");
    }

    @Test
    void sendsNonAsciiAndControlCharactersToTheRegex() {
        assertThat(new Subject("été.log", true).isPrintableAscii()).isFalse();
        assertThat(new Subject("a\u2028.out", true).isPrintableAscii()).isFalse();
        assertThat(new Subject("a\n.out", false).isPrintableAscii()).isFalse();
        assertThat(new Subject("a\u007f", false).isPrintableAscii()).isFalse();
        assertThat(new Subject("~ !", false).isPrintableAscii()).isTrue();
    }
}
