package io.logmirror.app.config;

import io.logmirror.categorizer.RuleCategorizer;
import io.logmirror.categorizer.RuleFileException;
import io.logmirror.core.Categorizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads the categorizer the settings ask for: the built-in rules (the original's table), or {@code CATEGORY_RULES}. */
public final class Categorizers {

    private Categorizers() {
    }

    /**
     * The categorizer for {@code settings}.
     *
     * @throws InvalidSettingsException naming {@code CATEGORY_RULES} when its file cannot be used
     */
    public static Categorizer load(AppSettings settings) {
        if (settings.categoryRules().isEmpty()) {
            return RuleCategorizer.defaults();
        }
        Path file = settings.categoryRules().get();
        try {
            return RuleCategorizer.fromYaml(file);
        } catch (RuleFileException e) {
            // Every mistake of the file at once, one line each (compiler style), so that all are fixed before the next start.
            if (e.problems().size() == 1) {
                throw new InvalidSettingsException(List.of("CATEGORY_RULES='" + file + "' is not allowed: " + e.getMessage()
                        + " (see docs/categories.md for the rule file format)"));
            }
            List<String> problems = new ArrayList<>();
            problems.add("CATEGORY_RULES='" + file + "' is not allowed: the rule file has " + e.problems().size()
                    + " problems (see docs/categories.md for the rule file format):");
            e.problems().forEach(problem -> problems.add(problem.toString()));
            throw new InvalidSettingsException(problems);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(List.of("CATEGORY_RULES='" + file + "' is not allowed: " + e.getMessage()
                    + " (see docs/categories.md for the rule file format)"));
        }
    }
}
