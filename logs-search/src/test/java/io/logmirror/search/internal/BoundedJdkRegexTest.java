package io.logmirror.search.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedJdkRegexTest {

    private static int find(BoundedJdkRegex regex, String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return regex.find(b, 0, b.length);
    }

    @Test
    void decidesPlainAsciiLines() {
        BoundedJdkRegex regex = BoundedJdkRegex.of("\\b[0-9]{4}\\.[0-9]\\b", false).orElseThrow();

        assertThat(find(regex, "throughput: 1357.6 tokens/s")).isEqualTo(1);
        assertThat(find(regex, "throughput: 135.6 tokens/s")).isZero();
    }

    @Test
    void leavesLinesWithOtherBytesToRe2() {
        BoundedJdkRegex regex = BoundedJdkRegex.of("^.{2}$", false).orElseThrow();

        assertThat(find(regex, "é1")).isEqualTo(-1);
        assertThat(find(regex, "a\u000bb")).isEqualTo(-1);
        assertThat(find(regex, "ab")).isEqualTo(1);
    }

    @Test
    void givesUpOnABacktrackingBlowUpAndStopsTryingAfterEnoughOfThem() {
        BoundedJdkRegex regex = BoundedJdkRegex.of("(x+x+)+y", false).orElseThrow();
        String line = "x".repeat(40);

        for (int i = 0; i < BoundedJdkRegex.MAX_GIVE_UPS; i++) {
            assertThat(regex.usable()).isTrue();
            assertThat(find(regex, line)).isEqualTo(-1);
        }
        assertThat(regex.usable()).isFalse();
    }

    @Test
    void refusesPatternsTheTwoEnginesReadDifferently() {
        assertThat(BoundedJdkRegex.of("[[:alpha:]]+", false)).isEmpty();
        assertThat(BoundedJdkRegex.of("[a-z&&[^b]]", false)).isEmpty();
        assertThat(BoundedJdkRegex.of("[a[b]]", false)).isEmpty();
        assertThat(BoundedJdkRegex.of("a\\vb", false)).isEmpty();
        assertThat(BoundedJdkRegex.of("\\101", false)).isEmpty();
        assertThat(BoundedJdkRegex.of("(?U)a+", false)).isEmpty();
        assertThat(BoundedJdkRegex.of("(?P<n>a)", false)).isEmpty();
        assertThat(BoundedJdkRegex.of("é+", false)).isEmpty();
        assertThat(BoundedJdkRegex.of("[]a]b", false)).isPresent();
    }
}
