package io.logmirror.app.config;

import io.logmirror.app.TestHttp;
import io.logmirror.core.LogMirror;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad value stops the application context with a message naming the variable (Application.main prints it). */
class StartupFailureTest {

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Throwable startWith(Map<String, String> variables) {
        try (ApplicationContext context = ApplicationContext.builder()
                .singletons((VariableSource) () -> variables)
                .start()) {
            context.getBean(LogMirror.class);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    void aBadPortStopsStartUpNamingPort() {
        Throwable error = startWith(Map.of("PORT", "eighty", "DATA_DIR", TestHttp.tempDir("bad").toString()));
        assertThat(error).isNotNull();
        assertThat(rootCause(error)).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("PORT='eighty' is not allowed: use a whole number from 1 to 65535");
    }

    @Test
    void aBadSyncIntervalStopsStartUpNamingIt() {
        Throwable error = startWith(Map.of("SYNC_INTERVAL", "soon", "DATA_DIR", TestHttp.tempDir("bad").toString()));
        assertThat(rootCause(error)).hasMessageContaining("SYNC_INTERVAL='soon' is not allowed");
    }

    @Test
    void anUnreadableDataFolderStopsStartUpNamingDataDir() throws Exception {
        Path file = Files.writeString(TestHttp.tempDir("bad").resolve("a-file"), "x");
        Throwable error = startWith(Map.of("DATA_DIR", file.toString(), "LOGS_MODE", "offline"));
        assertThat(rootCause(error)).hasMessageContaining("DATA_DIR='" + file + "' is not allowed");
    }

    @Test
    void aBrokenRuleFileStopsStartUpNamingCategoryRules() throws Exception {
        Path rules = Files.writeString(TestHttp.tempDir("bad").resolve("rules.yaml"), "rules: [ {category: \n");
        Throwable error = startWith(Map.of("CATEGORY_RULES", rules.toString(), "LOGS_MODE", "offline",
                "DATA_DIR", TestHttp.tempDir("bad").toString()));
        assertThat(rootCause(error)).isInstanceOf(InvalidSettingsException.class).hasMessageContaining("CATEGORY_RULES='" + rules + "'");
    }

    @Test
    void theSettingsThemselvesFailTheSameWayForMain() {
        assertThatThrownBy(() -> AppSettings.from(Map.of("PORT", "eighty")))
                .hasMessageContaining("PORT='eighty' is not allowed");
    }
}
