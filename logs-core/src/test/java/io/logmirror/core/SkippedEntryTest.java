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

    @Test
    void keepsTheWholeRawNameAndShortensItOnlyForDisplay() {
        String longPath = "deep/".repeat(60) + "job.log";

        SkippedEntry entry = SkippedEntry.ofRawName(longPath, "why");

        assertThat(entry.rawName()).isEqualTo(longPath);
        assertThat(entry.name()).hasSize(203);
    }
}
