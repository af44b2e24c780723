package io.logmirror.app.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class VariableReaderTest {

    @Test
    void collectsEveryProblemAndThrowsThemTogether() {
        VariableReader reader = new VariableReader(Map.of("A", "many", "B", "maybe", "C", "99"));

        assertThat(reader.integer("A", 4, 1, 16)).isEqualTo(4);
        assertThat(reader.yesNo("B", false)).isFalse();
        assertThat(reader.integer("C", 4, 1, 16)).isEqualTo(4);

        InvalidSettingsException error = catchThrowableOfType(InvalidSettingsException.class, reader::throwIfAny);
        assertThat(error.problems()).containsExactly(
                "A='many' is not allowed: use a whole number from 1 to 16 (default 4)",
                "B='maybe' is not allowed: use yes or no (default no)",
                "C='99' is not allowed: use a whole number from 1 to 16 (default 4)");
    }

    @Test
    void treatsABlankValueAsNotSetAndTrimsTheOthers() {
        VariableReader reader = new VariableReader(Map.of("EMPTY", "  ", "PADDED", " 12 "));

        assertThat(reader.text("EMPTY")).isEmpty();
        assertThat(reader.integer("PADDED", 1, 1, 100)).isEqualTo(12);
        reader.throwIfAny();
    }

    @Test
    void expandsATildeToTheHomeFolder() {
        VariableReader reader = new VariableReader(Map.of("DIR", "~/logs"));

        assertThat(reader.path("DIR")).contains(Path.of(System.getProperty("user.home"), "logs"));
    }

    @Test
    void mapsThePythonLevelNamesOntoLogbackOnes() {
        assertThat(new VariableReader(Map.of("LOG_LEVEL", "warning")).logLevel()).isEqualTo("WARN");
        assertThat(new VariableReader(Map.of("LOG_LEVEL", "critical")).logLevel()).isEqualTo("ERROR");
    }
}
