package io.logmirror.retention;

import io.logmirror.core.Category;
import io.logmirror.retention.internal.RetentionYaml;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * The per-category limits of a {@code RETENTION_RULES} file: a {@code defaults} rule, and a rule per category that
 * starts from the defaults and overrides what it names.
 *
 * <pre>{@code
 * defaults:
 *   max_age: 90d              # none by default: no age limit
 *   generations_kept: 3       # none by default: every old generation kept
 * categories:
 *   vllm:
 *     max_age: 14d
 *     max_total_bytes: 20GiB
 *   slurm:
 *     max_files: 2000
 *     include_present: true   # may delete files the cluster still has (they come back at the next sync)
 * }</pre>
 *
 * <p>Immutable.
 *
 * @param defaults   the rule of every category not listed
 * @param categories the listed categories' rules, defaults already applied
 */
public record RetentionRules(RetentionRule defaults, Map<Category, RetentionRule> categories) {

    /** No limits anywhere: nothing is ever deleted. */
    public static final RetentionRules NONE = new RetentionRules(RetentionRule.NONE, Map.of());

    public RetentionRules {
        Objects.requireNonNull(defaults, "defaults");
        categories = Map.copyOf(categories);
    }

    /** The rule that applies to {@code category}. */
    public RetentionRule ruleFor(Category category) {
        return categories.getOrDefault(category, defaults);
    }

    /**
     * Reads a rule file (UTF-8 YAML).
     *
     * @param known the categories that exist (a rule for another is a typo); empty to accept any name
     * @throws RetentionRulesException listing every problem with its line and column
     */
    public static RetentionRules load(Path file, Collection<Category> known) {
        return RetentionYaml.load(file, known);
    }

    /**
     * Reads rule-file text.
     *
     * @param source names the text in error messages (a file name)
     * @param known  the categories that exist; empty to accept any name
     * @throws RetentionRulesException listing every problem with its line and column
     */
    public static RetentionRules parse(String yaml, String source, Collection<Category> known) {
        return RetentionYaml.parse(yaml, source, known);
    }
}
