package io.logmirror.patterns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskerTest {

    private final Masker masker = new Masker(128, 4096);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "3579 | <*>",
        "-12.5 | -<*>",
        "0x7f3a9c | <*>",
        "7f3c9a2e-1b4d-4c8e-9f10-2a3b4c5d6e7f | <*>",
        "aaaabbbb-cccc-dddd-eeee-ffff00001111 | <*>",
        "10.3.21.41:46123 | <*>",
        "10.3.21.41<46123> | <*><<*>>",
        "12ms | <*>",
        "1.5s | <*>",
        "00:01:02 | <*>",
        "2026-12-07T10:00:14 | <*>",
        "mel2041 | <*>",
        "job-4711 | job-<*>",
        "slurm-4711.out | slurm-<*>.out",
        "/var/spool/slurmd/job4711/slurm_script: | <*>:",
        "./run.sh | <*>",
        "http://mel2101:8000/v1/completions | <*>",
        "logs/vllm/x.log | <*>",
        "request_id=7f3c9a2e-1b4d-4c8e-9f10-2a3b4c5d6e7f | request_id=<*>",
        "file=/tmp/a/b | file=<*>",
        "status=200, | status=<*>,",
        "(core | (core",
        "and/or | and/or",
        "SCREEN_ON | SCREEN_ON",
        "eth0 | eth0",
        "ipv4 | ipv4",
        "mlx5_0 | mlx5_<*>",
        "root14_local | root14_local",
        "E1207 | <*>",
    })
    void masksTheVariablePartsOfAToken(String token, String masked) {
        assertThat(masker.mask(token)).isEqualTo(masked);
    }

    @Test
    void splitsOnWhitespaceAndKeepsWordsAsTheyAre() {
        assertThat(masker.tokens("  srun: error:\tmel2101: task 0: Exited with exit code 1 "))
                .containsExactly("srun:", "error:", "<*>:", "task", "<*>:", "Exited", "with", "exit", "code", "<*>");
    }

    @Test
    void standsOneWildcardForTheTokensPastTheLimit() {
        Masker small = new Masker(8, 4096);
        assertThat(small.tokens("a b c d e f g h i j k")).containsExactly("a", "b", "c", "d", "e", "f", "g", "<*>");
    }

    @Test
    void looksAtTheFirstCharactersOfAVeryLongLineOnly() {
        Masker small = new Masker(128, 64);
        assertThat(small.tokens("word ".repeat(100))).hasSize(13);
    }

    @Test
    void givesNoTokenForABlankLine() {
        assertThat(masker.tokens("   \t ")).isEmpty();
    }
}
