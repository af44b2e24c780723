package io.logmirror.patterns;

import java.util.Objects;

/**
 * A log template: the constant words of a group of lines, with {@code <*>} where they vary.
 *
 * <p>The id is 12 hex digits derived from the template the pattern was created with; it stays the
 * same when the template later generalizes ({@code "took 3 ms"} then {@code "took <*> ms"}) and across
 * restarts (the miner saves it). An evicted pattern's id is not reused for another template.
 *
 * @param id the stable id
 * @param template the tokens joined by single spaces, {@code <*>} for a variable part
 * @param count lines that matched it since it was created (saved across restarts)
 */
public record Pattern(String id, String template, long count) {

    public Pattern {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(template, "template");
    }
}
