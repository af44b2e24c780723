package io.logmirror.retention;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a retention run would do, decided from the store's index at one instant: deletions first (oldest first within
 * each rule), then compressions. A dry run returns it without doing anything.
 *
 * @param at          when it was planned
 * @param actions     what to delete and compress, and why
 * @param notes       limits that cannot be met, and why (a category over its limit whose files the remote still
 *                    has); files that could not be looked at
 * @param storedBytes the stored files' bytes on disk when planned (current files and old generations)
 * @param files       how many stored files (current and old generations) were looked at
 */
public record RetentionPlan(Instant at, List<PlannedAction> actions, List<String> notes, long storedBytes, int files) {

    public RetentionPlan {
        Objects.requireNonNull(at, "at");
        actions = List.copyOf(actions);
        notes = List.copyOf(notes);
    }

    /** The planned deletions. */
    public List<PlannedAction> deletions() {
        return actions.stream().filter(a -> a.kind() == PlannedAction.Kind.DELETE).toList();
    }

    /** The planned compressions. */
    public List<PlannedAction> compressions() {
        return actions.stream().filter(a -> a.kind() == PlannedAction.Kind.COMPRESS).toList();
    }

    /** The bytes on disk the deletions free. */
    public long bytesToDelete() {
        return deletions().stream().mapToLong(PlannedAction::storedBytes).sum();
    }
}
