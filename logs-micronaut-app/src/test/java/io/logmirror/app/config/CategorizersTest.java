package io.logmirror.app.config;

import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CategorizersTest {

    @TempDir
    Path dir;

    private InvalidSettingsException refused(String yaml) throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), yaml);
        AppSettings settings = AppSettings.from(Map.of("CATEGORY_RULES", rules.toString()));
        return catchThrowableOfType(InvalidSettingsException.class, () -> Categorizers.load(settings));
    }

    @Test
    void usesTheBuiltInRulesWhenCategoryRulesIsNotSet() {
        assertThat(Categorizers.load(AppSettings.from(Map.of())).categorize(LogPath.of("slurm-1.out")))
                .isEqualTo(Category.SLURM);
    }

    @Test
    void listsEveryMistakeOfTheRuleFileAtOnceWithItsLineAndPointsToTheRulesDocument() throws Exception {
        InvalidSettingsException error = refused("""
                headBytes: 4k
                rules:
                  - category: server
                    nmae: { regex: server }
                  - name: { glob: 'x' }
                """);

        Path file = dir.resolve("rules.yaml");
        assertThat(error.problems()).containsExactly(
                "CATEGORY_RULES='" + file + "' is not allowed: the rule file has 3 problems "
                        + "(see docs/categories.md for the rule file format):",
                file + ":1:12: headBytes must be a whole number of bytes, not '4k'",
                file + ":4:5: unknown key 'nmae' in rule 1; allowed keys: category, name, path, content",
                file + ":5:5: rule 2 has no 'category': add 'category: <name>'");
        assertThat(error.getMessage()).doesNotContain("configuration.md");
    }

    @Test
    void aSingleMistakeIsOneLineNamingCategoryRulesAndTheRulesDocument() throws Exception {
        InvalidSettingsException error = refused("rules:\n  - category: server\n");

        assertThat(error.problems()).singleElement().asString()
                .startsWith("CATEGORY_RULES='" + dir.resolve("rules.yaml") + "' is not allowed: " + dir.resolve("rules.yaml") + ":2:5: ")
                .endsWith("(see docs/categories.md for the rule file format)");
    }
}
