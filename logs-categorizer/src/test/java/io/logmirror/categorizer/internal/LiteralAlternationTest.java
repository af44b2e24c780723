package io.logmirror.categorizer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LiteralAlternationTest {

    @Test
    void expandsTheDefaultRulesIntoPlainStrings() {
        assertThat(LiteralAlternation.parse(List.of("server[-_]", "orchestrator", "slurm[-_]job"), true)).hasValueSatisfying(
                literals -> assertThat(literals.toString()).isEqualTo("LiteralAlternation[exact=[], prefixes=[], suffixes=[], "
                        + "infixes=[server-, server_, orchestrator, slurm-job, slurm_job]]"));
        assertThat(LiteralAlternation.parse(List.of("\\.err$", "\\.out$", "slurm[-_]", "sbatch"), true)).hasValueSatisfying(
                literals -> assertThat(literals.toString()).isEqualTo("LiteralAlternation[exact=[], prefixes=[], "
                        + "suffixes=[.err, .out], infixes=[slurm-, slurm_, sbatch]]"));
    }

    @Test
    void sortsAnchoredWordsIntoPrefixesSuffixesAndExactNames() {
        assertThat(LiteralAlternation.parse(List.of("^a|b$|^c$|d"), false)).hasValueSatisfying(
                literals -> assertThat(literals.toString()).isEqualTo(
                        "LiteralAlternation[exact=[c], prefixes=[a], suffixes=[b], infixes=[d]]"));
    }

    @Test
    void lowerCasesTheLiteralsOnlyWhenFoldingCase() {
        assertThat(LiteralAlternation.parse(List.of("Server[A_]"), true).orElseThrow().toString()).contains("servera, server_");
        assertThat(LiteralAlternation.parse(List.of("Server[A_]"), false).orElseThrow().toString()).contains("ServerA, Server_");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "a.b", "a*", "a+", "a?", "(a)", "a{2}", "[a-z]x", "[^a]", "[]a]", "a|", "|a", "^$", "$", "a$b", "a^b",
        "\\d", "\\Q.\\E", "\\1", "[a&&b]", "a]", "a}", "été", "x[", "\\", "[[a]]",
    })
    void leavesEveryOtherRegexToJavaUtilRegex(String regex) {
        assertThat(LiteralAlternation.parse(List.of(regex), true)).isEmpty();
    }

    @Test
    void refusesAnExpansionBeyondTheLimit() {
        assertThat(LiteralAlternation.parse(List.of("[abcd][abcd][abcd][abcd][abcd]"), false)).isEmpty();
        assertThat(LiteralAlternation.parse(List.of("[abcd][abcd][abcd][abcd]"), false)).isPresent();
    }

    /** The fast path must answer exactly what Pattern.find answers, for every text the Subject lets through. */
    @Test
    void answersExactlyAsJavaUtilRegexOnRandomTextsAndPatterns() {
        Random random = new Random(20261126);
        String alphabet = "sSeErRvV-_.oOuUtTkKiI$|^[]\\ab \n\r\u0085\u2028éÉ\u0130\u0131\u017f\u212a\ud83d\ude00";
        int fastPatterns = 0;
        int fastTexts = 0;
        for (int p = 0; p < 3000; p++) {
            String regex = randomString(random, "servSEROUTkiKI-_.ouT", 1 + random.nextInt(6));
            if (random.nextBoolean()) {
                regex = regex.replaceFirst("[-_]", "[-_]");
            }
            if (random.nextInt(4) == 0) {
                regex = "^" + regex;
            }
            if (random.nextInt(3) == 0) {
                regex = regex.replace(".", "\\.") + "$";
            }
            if (random.nextInt(3) == 0) {
                regex = regex + "|" + randomString(random, "abvlmS", 1 + random.nextInt(3));
            }
            for (boolean fold : new boolean[] {true, false}) {
                var literals = LiteralAlternation.parse(List.of(regex), fold);
                Pattern pattern;
                try {
                    pattern = Pattern.compile(regex, fold ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
                } catch (RuntimeException invalid) {
                    assertThat(literals).as(regex).isEmpty();
                    continue;
                }
                if (literals.isEmpty()) {
                    continue;
                }
                fastPatterns++;
                for (int t = 0; t < 40; t++) {
                    String text = randomString(random, alphabet, random.nextInt(12));
                    Subject subject = new Subject(text, fold);
                    if (!subject.fastPathApplies()) {
                        continue;
                    }
                    fastTexts++;
                    assertThat(literals.get().matches(subject.fastForm()))
                            .as("regex %s, text '%s', fold %s", regex, text, fold)
                            .isEqualTo(pattern.matcher(text).find());
                }
            }
        }
        assertThat(fastPatterns).isGreaterThan(3000);
        assertThat(fastTexts).isGreaterThan(50_000);
    }

    private static String randomString(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
