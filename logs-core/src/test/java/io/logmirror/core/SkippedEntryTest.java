package io.logmirror.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SkippedEntryTest {

    @Test
    void makesARawNamePrintable() {
        assertThat(SkippedEntry.ofRawName("evil\u0000name\n", "why").name()).isEqualTo("evil\\u0000name\\u000a");
    }

    @Test
    void cutsAVeryLongRawNameForLogLines() {
        assertThat(SkippedEntry.ofRawName("x".repeat(10_000), "why").name()).hasSize(203).endsWith("...");
    }
}
