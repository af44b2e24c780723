package io.logmirror.search.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiteralFinderTest {

    private static int find(String needle, boolean fold, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new LiteralFinder(needle.getBytes(StandardCharsets.UTF_8), fold).find(b, 0, b.length);
    }

    @Test
    void findsTheFirstExactOccurrence() {
        assertThat(find("error", false, "an Error then an error and error")).isEqualTo(17);
        assertThat(find("error", false, "nothing")).isEqualTo(-1);
        assertThat(find("xyz", false, "xy")).isEqualTo(-1);
    }

    @Test
    void findsAsciiLettersInEitherCaseWhenFolding() {
        assertThat(find("ERROR", true, "an eRrOr")).isEqualTo(3);
        assertThat(find("a-b", true, "A-B")).isEqualTo(0);
        assertThat(find("a-b", true, "A\rB")).isEqualTo(-1);
        assertThat(find("@x", true, "`x @X")).isEqualTo(3);
    }

    @Test
    void findsNonAsciiBytesExactly() {
        assertThat(find("größe", false, "Maße und größe")).isEqualTo("Maße und ".getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void agreesWithStringIndexOfOnRandomText() {
        Random random = new Random(9);
        for (int round = 0; round < 3000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                text.append("abAB \n".charAt(random.nextInt(6)));
            }
            StringBuilder needle = new StringBuilder();
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                needle.append("abAB ".charAt(random.nextInt(5)));
            }
            assertThat(find(needle.toString(), false, text.toString())).isEqualTo(text.indexOf(needle.toString()));
            assertThat(find(needle.toString(), true, text.toString()))
                    .isEqualTo(text.toString().toLowerCase().indexOf(needle.toString().toLowerCase()));
        }
    }

    @Test
    void searchesOnlyTheGivenRange() {
        byte[] b = "hit hit".getBytes(StandardCharsets.US_ASCII);
        LiteralFinder finder = new LiteralFinder("hit".getBytes(StandardCharsets.US_ASCII), false);

        assertThat(finder.find(b, 1, b.length)).isEqualTo(4);
        assertThat(finder.find(b, 1, 6)).isEqualTo(-1);
    }

    @Test
    void refusesAnEmptyNeedle() {
        assertThatThrownBy(() -> new LiteralFinder(new byte[0], false)).isInstanceOf(IllegalArgumentException.class);
    }
}
