package io.logmirror.categorizer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logmirror.categorizer.TextMatcher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CompiledMatcherTest {

    private static boolean matches(TextMatcher matcher, boolean caseSensitive, String text) {
        return CompiledMatcher.compile(matcher, caseSensitive).matches(new Subject(text, !caseSensitive));
    }

    @Test
    void aRegexMayMatchAnywhereInTheText() {
        assertThat(matches(TextMatcher.regex("orchestrator"), false, "my-orchestrator_job-1.err")).isTrue();
        assertThat(matches(TextMatcher.regex("^orchestrator"), false, "my-orchestrator_job-1.err")).isFalse();
    }

    @Test
    void aGlobMustMatchTheWholeText() {
        assertThat(matches(TextMatcher.glob("orchestrator*"), false, "orchestrator_job-1.err")).isTrue();
        assertThat(matches(TextMatcher.glob("orchestrator"), false, "orchestrator_job-1.err")).isFalse();
    }

    @Test
    void anyOfSeveralPatternsMatches() {
        TextMatcher matcher = TextMatcher.glob("*.out", "*.err");

        assertThat(matches(matcher, false, "a.err")).isTrue();
        assertThat(matches(matcher, false, "a.log")).isFalse();
    }

    @Test
    void literalRegexesTakeTheFastPathAndOthersDoNot() {
        assertThat(CompiledMatcher.compile(TextMatcher.regex("server[-_]", "\\.out$"), false).hasFastPath()).isTrue();
        assertThat(CompiledMatcher.compile(TextMatcher.regex("server[-_]", "job-\\d+"), false).hasFastPath()).isFalse();
        assertThat(CompiledMatcher.compile(TextMatcher.glob("server"), false).hasFastPath()).isFalse();
    }

    @Test
    void foldsCaseUnlessCaseSensitive() {
        assertThat(matches(TextMatcher.regex("server-"), false, "SERVER-1.LOG")).isTrue();
        assertThat(matches(TextMatcher.regex("SERVER-"), false, "server-1.log")).isTrue();
        assertThat(matches(TextMatcher.glob("*.LOG"), false, "server-1.log")).isTrue();
        assertThat(matches(TextMatcher.regex("server-"), true, "SERVER-1.LOG")).isFalse();
        assertThat(matches(TextMatcher.regex("SERVER-"), true, "SERVER-1.LOG")).isTrue();
        assertThat(matches(TextMatcher.glob("*.LOG"), true, "server-1.log")).isFalse();
    }

    @Test
    void aNonAsciiTextGoesToTheRegexWhichFoldsUnicodeCase() {
        assertThat(matches(TextMatcher.regex("état"), false, "ÉTAT-server.log")).isTrue();
        assertThat(matches(TextMatcher.regex("server"), false, "ÉTAT-SERVER.log")).isTrue();
        assertThat(matches(TextMatcher.regex("server"), true, "ÉTAT-SERVER.log")).isFalse();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)  // a guard against hanging, not a measurement
    void aRegexThatBacktracksWithoutEndCountsAsNotMatching() {
        CompiledMatcher matcher = CompiledMatcher.compile(TextMatcher.regex("(.*a){10}b"), false);
        Subject text = new Subject("a".repeat(200), true);      // unguarded, this find runs for hours

        assertThat(matcher.matches(text)).isFalse();
        assertThat(matcher.matches(text)).as("again, after the warning").isFalse();
        assertThat(matcher.matches(new Subject("aaaaaaaaaab", true))).isTrue();
    }
}
