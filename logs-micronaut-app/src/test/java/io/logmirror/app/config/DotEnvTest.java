package io.logmirror.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DotEnvTest {

    @Test
    void readsPlainAssignmentsAndIgnoresCommentsAndBlankLines() {
        Map<String, String> values = DotEnv.parse("""
                # SSH Configuration
                SSH_HOST=login.lxp.lu

                SSH_PORT = 8822
                """);
        assertThat(values).containsExactly(Map.entry("SSH_HOST", "login.lxp.lu"), Map.entry("SSH_PORT", "8822"));
    }

    @Test
    void dropsAnInlineCommentAfterAnUnquotedValueAsTheSeedsReadmeWritesIt() {
        assertThat(DotEnv.parse("SYNC_INTERVAL=60  # Seconds between automatic syncs"))
                .containsEntry("SYNC_INTERVAL", "60");
    }

    @Test
    void keepsAHashThatIsPartOfAnUnquotedValue() {
        assertThat(DotEnv.parse("API_TOKEN=abc#def")).containsEntry("API_TOKEN", "abc#def");
    }

    @Test
    void acceptsTheExportPrefix() {
        assertThat(DotEnv.parse("export SSH_USER=u100000")).containsEntry("SSH_USER", "u100000");
    }

    @Test
    void keepsQuotedValuesVerbatimIncludingHashesAndSpaces() {
        Map<String, String> values = DotEnv.parse("""
                A='single # not a comment '
                B="double # not a comment" # a comment
                """);
        assertThat(values).containsEntry("A", "single # not a comment ").containsEntry("B", "double # not a comment");
    }

    @Test
    void unescapesInsideDoubleQuotesOnly() {
        Map<String, String> values = DotEnv.parse("""
                A="line1\\nline2 \\"quoted\\""
                B='no\\nescape'
                """);
        assertThat(values).containsEntry("A", "line1\nline2 \"quoted\"").containsEntry("B", "no\\nescape");
    }

    @Test
    void readsAQuotedValueThatSpansLines() {
        assertThat(DotEnv.parse("KEY=\"first\nsecond\"\nNEXT=1"))
                .containsEntry("KEY", "first\nsecond").containsEntry("NEXT", "1");
    }

    @Test
    void givesAnEmptyValueForKeyEquals() {
        assertThat(DotEnv.parse("API_TOKEN=")).containsEntry("API_TOKEN", "");
    }

    @Test
    void ignoresLinesThatAreNotAssignments() {
        assertThat(DotEnv.parse("just some text\n=nokey\nGOOD=yes")).containsExactly(Map.entry("GOOD", "yes"));
    }

    @Test
    void answersAnEmptyMapForAMissingFile(@TempDir Path dir) throws Exception {
        assertThat(DotEnv.read(dir.resolve(".env"))).isEmpty();
    }

    @Test
    void letsDotEnvLocalOverrideDotEnvAndTheEnvironmentOverrideBoth(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "A=env\nB=env\nC=env\n");
        Files.writeString(dir.resolve(".env.local"), "B=local\nC=local\n");
        Map<String, String> merged = VariableSource.merge(dir, Map.of("C", "process"));
        assertThat(merged).containsEntry("A", "env").containsEntry("B", "local").containsEntry("C", "process");
    }
}
