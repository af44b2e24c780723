package io.logmirror.search.internal;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LineMatcherTest {

    private static final byte[] TEXT = "first line\nsecond é line 42\nthird 7\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void aLiteralsCandidateIsItsPosition() {
        LineMatcher matcher = LineMatcher.literal(new LiteralFinder("line".getBytes(StandardCharsets.UTF_8), false));

        assertThat(matcher.candidate(TEXT, 0, TEXT.length)).isEqualTo(6);
        assertThat(matcher.candidate(TEXT, 11, TEXT.length)).isEqualTo("first line\nsecond é ".getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aPrefilteredRegexConfirmsTheLineAroundTheCandidate() {
        Pattern pattern = Pattern.compile("line [0-9]+$");
        LineMatcher matcher = LineMatcher.prefiltered(new LiteralFinder("line".getBytes(StandardCharsets.UTF_8), false),
                BoundedJdkRegex.of("line [0-9]+$", false), pattern);
        int second = "first line\n".length();
        int secondEnd = "first line\nsecond é line 42".getBytes(StandardCharsets.UTF_8).length;

        assertThat(matcher.matches(TEXT, 0, 10)).isFalse();
        assertThat(matcher.matches(TEXT, second, secondEnd)).isTrue();
    }

    @Test
    void aRegexWithoutLiteralFindsTheFirstMatchingLineWithOrWithoutTheJdkEngine() {
        Pattern pattern = Pattern.compile("^[a-z]+ [0-9]$");
        int third = "first line\nsecond é line 42\n".getBytes(StandardCharsets.UTF_8).length;

        for (Optional<BoundedJdkRegex> jdk : java.util.List.of(BoundedJdkRegex.of("^[a-z]+ [0-9]$", false),
                Optional.<BoundedJdkRegex>empty())) {
            LineMatcher matcher = LineMatcher.lineByLine(jdk, pattern);
            assertThat(matcher.candidate(TEXT, 0, TEXT.length)).isEqualTo(third);
            assertThat(matcher.matches(TEXT, third, TEXT.length - 1)).isTrue();
            assertThat(matcher.candidate(TEXT, 0, third)).isEqualTo(-1);
        }
    }

    @Test
    void decodesLinesForRe2SoThatMultiByteCharactersCountOnce() {
        byte[] line = "é é".getBytes(StandardCharsets.UTF_8);

        assertThat(LineMatcher.re2(Pattern.compile("^.{2}$"), line, 0, line.length)).isFalse();
        assertThat(LineMatcher.re2(Pattern.compile("^.{3}$"), line, 0, line.length)).isTrue();
    }
}
