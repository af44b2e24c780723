/**
 * The rule-based {@link io.logmirror.core.Categorizer}: ordered rules read from YAML, with the
 * original logs service's table as {@link io.logmirror.categorizer.RuleCategorizer#defaults()}.
 *
 * <pre>{@code
 * Categorizer categorizer = RuleCategorizer.fromYaml(Path.of("categories.yaml"));
 * Category category = categorizer.categorize(LogPath.of("slurm-42.out"));
 * }</pre>
 */
package io.logmirror.categorizer;
