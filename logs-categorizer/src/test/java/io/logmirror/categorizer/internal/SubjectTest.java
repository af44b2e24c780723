package io.logmirror.categorizer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubjectTest {

    @Test
    void lowerCasesAsciiLettersWhenFoldingCase() {
        Subject subject = new Subject("SERVER-1.Log", true);

        assertThat(subject.fastPathApplies()).isTrue();
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
    void leavesOtherNonAsciiCharactersAsTheyAre() {
        Subject subject = new Subject("RÉSUMÉ-Été.log", true);

        assertThat(subject.fastPathApplies()).isTrue();
        assertThat(subject.fastForm()).isEqualTo("rÉsumÉ-Été.log");
    }

    @Test
    void sendsATextEndingWithALineTerminatorToTheRegex() {
        for (String end : List.of("\n", "\r", "\u0085", "\u2028", "\u2029")) {
            assertThat(new Subject("job.out" + end, false).fastPathApplies()).as("ends with U+%04X", (int) end.charAt(0)).isFalse();
        }
        assertThat(new Subject("line one\nline two", false).fastPathApplies()).isTrue();
    }

    @Test
    void sendsCharactersThatFoldToAsciiToTheRegexOnlyWhenFoldingCase() {
        for (char c : new char[] {'\u0130', '\u0131', '\u017f', '\u212a'}) {
            assertThat(new Subject("x" + c + "y", true).fastPathApplies()).isFalse();
            assertThat(new Subject("x" + c + "y", false).fastPathApplies()).isTrue();
        }
    }

    /** If a JDK's Unicode tables ever add a character folding to ASCII, this test says which. */
    @Test
    void knowsEveryNonAsciiCharacterThatFoldsToAscii() {
        List<String> folding = new ArrayList<>();
        for (int cp = 0x80; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.toLowerCase(Character.toUpperCase(cp)) < 0x80 || Character.toUpperCase(cp) < 0x80
                    || Character.toLowerCase(cp) < 0x80) {
                folding.add(String.format("U+%04X", cp));
                assertThat(cp).isLessThan(0x10000);
                assertThat(Subject.foldsToAscii((char) cp)).as("U+%04X", cp).isTrue();
            }
        }
        assertThat(folding).containsExactly("U+0130", "U+0131", "U+017F", "U+212A");
    }
}
