package io.logmirror.categorizer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logmirror.categorizer.TextMatcher;
import org.junit.jupiter.api.Test;

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
}
