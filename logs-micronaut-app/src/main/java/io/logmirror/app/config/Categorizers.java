package io.logmirror.app.config;

import io.logmirror.core.Categorizer;

import java.util.List;

/** Loads the categorizer the settings ask for: the built-in rules, or {@code CATEGORY_RULES}. */
final class Categorizers {

    private Categorizers() {
    }

    /**
     * The categorizer for {@code settings}.
     *
     * @throws InvalidSettingsException naming {@code CATEGORY_RULES} when its file cannot be used
     */
    static Categorizer load(AppSettings settings) {
        // PENDING categorizer merge: RuleCategorizer.defaults() / fromYaml(path)
        if (settings.categoryRules().isPresent()) {
            throw new InvalidSettingsException(List.of("CATEGORY_RULES is not supported yet"));
        }
        return Categorizer.uncategorized();
    }
}
