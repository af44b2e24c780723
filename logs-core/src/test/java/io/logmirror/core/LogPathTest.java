package io.logmirror.core;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogPathTest {

    static Stream<Arguments> hostilePaths() {
        return Stream.of(
                Arguments.of("", "it is empty"),
                Arguments.of("/etc/passwd", "it is absolute"),
                Arguments.of("/", "it is absolute"),
                Arguments.of("..", "'..' segment"),
                Arguments.of("../x", "'..' segment"),
                Arguments.of("a/../../x", "'..' segment"),
                Arguments.of("a/..", "'..' segment"),
                Arguments.of(".", "'.' segment"),
                Arguments.of("a/./b", "'.' segment"),
                Arguments.of("a//b", "empty segment"),
                Arguments.of("a/", "empty segment"),
                Arguments.of("a\u0000b", "U+0000"),
                Arguments.of("a\nb", "U+000A"),
                Arguments.of("a\rb", "U+000D"),
                Arguments.of("a\tb", "U+0009"),
                Arguments.of("a\u007fb", "U+007F"),
                Arguments.of("a\u0085b", "U+0085"),
                Arguments.of("a\ud800b", "unpaired surrogate"),
                Arguments.of("x".repeat(256), "segment is longer than 255"),
                Arguments.of("é".repeat(128), "segment is longer than 255"),
                Arguments.of(("a".repeat(200) + "/").repeat(21) + "a", "longer than 4096"));
    }

    @ParameterizedTest(name = "[{index}] rejects {1}")
    @MethodSource("hostilePaths")
    void rejectsHostilePathsNamingTheRuleTheyBreak(String text, String problem) {
        assertThatThrownBy(() -> LogPath.of(text))
                .isInstanceOf(InvalidLogPathException.class)
                .hasMessageContaining("invalid log path")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((InvalidLogPathException) e).rejected()).isEqualTo(text));
        assertThat(LogPath.parse(text)).isEmpty();
    }

    @Test
    void escapesControlCharactersInItsErrorMessage() {
        assertThatThrownBy(() -> LogPath.of("evil\nline"))
                .hasMessageStartingWith("invalid log path 'evil\\u000aline'");
    }

    @Test
    void parseAnswersEmptyForNull() {
        assertThat(LogPath.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "job-1/slurm-1.out", "back\\slash", "..hidden", "a..b/...", ".hidden/x", "with space",
            "-leading-dash", "ünïcødé/日本語.log", "emoji-\ud83d\ude00.log", "a/b/c/d/e/f/g"})
    void acceptsOrdinaryNamesUnchanged(String text) {
        assertThat(LogPath.of(text).toString()).isEqualTo(text);
        assertThat(LogPath.parse(text)).contains(LogPath.of(text));
    }

    @Test
    void acceptsTheLongestAllowedSegmentAndPath() {
        String segment = "x".repeat(LogPath.MAX_SEGMENT_BYTES);
        assertThat(LogPath.of(segment).fileName()).isEqualTo(segment);
        String path = ("a".repeat(199) + "/").repeat(20) + "b".repeat(4096 - 200 * 20);
        assertThat(path).hasSize(4096);
        assertThat(LogPath.of(path).segments()).hasSize(21);
    }

    @Test
    void splitsIntoSegmentsAndKnowsItsParentAndName() {
        LogPath path = LogPath.of("job-1/sub/slurm-1.out");

        assertThat(path.segments()).containsExactly("job-1", "sub", "slurm-1.out");
        assertThat(path.fileName()).isEqualTo("slurm-1.out");
        assertThat(path.parent()).contains(LogPath.of("job-1/sub"));
        assertThat(LogPath.of("top").parent()).isEmpty();
    }

    @Test
    void isHiddenWhenTheFileNameStartsWithADot() {
        assertThat(LogPath.of(".cache/a.log").isHidden()).isFalse();
        assertThat(LogPath.of(".hidden.log").isHidden()).isTrue();
        assertThat(LogPath.of("a/.b").isHidden()).isTrue();
        assertThat(LogPath.of("a/b.c").isHidden()).isFalse();
    }

    @Test
    void resolvesAValidatedChild() {
        assertThat(LogPath.of("a").resolve("b/c")).isEqualTo(LogPath.of("a/b/c"));
        assertThatThrownBy(() -> LogPath.of("a").resolve("../x")).isInstanceOf(InvalidLogPathException.class);
    }

    @Test
    void alwaysResolvesInsideTheGivenFolder() {
        Path root = Path.of("/data/logs");

        assertThat(LogPath.of("a/b.log").resolveAgainst(root)).isEqualTo(Path.of("/data/logs/a/b.log"));
        assertThat(LogPath.of("..x/y").resolveAgainst(root).normalize().startsWith(root)).isTrue();
    }

    @Test
    void comparesAndHashesByText() {
        assertThat(LogPath.of("a/b")).isEqualTo(LogPath.of("a/b")).hasSameHashCodeAs(LogPath.of("a/b"));
        assertThat(LogPath.of("a").compareTo(LogPath.of("b"))).isNegative();
    }
}
