package io.logmirror.retention.internal;

import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.retention.PlannedAction;
import io.logmirror.retention.PlannedAction.Kind;
import io.logmirror.retention.RetentionPlan;
import io.logmirror.retention.RetentionPolicy;
import io.logmirror.retention.RetentionRule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Decides what retention deletes and compresses, from the store's entries and what each takes on disk. Pure: it
 * reads nothing and changes nothing. The rules apply in this order, each on what the earlier ones left:
 * generations kept, maximum age, maximum files, maximum bytes per category, the whole mirror's budget, then
 * compression of what remains.
 */
public final class RetentionPlanner {

    /** A file smaller than this is not compressed: the format's own 60-odd bytes would eat the saving. */
    public static final long MIN_COMPRESS_BYTES = 4096;

    /** One stored file as the planner sees it. */
    public record Item(LogEntry entry, long storedBytes, boolean compressed) {
    }

    private static final Comparator<Item> OLDEST_FIRST = Comparator
            .comparing((Item i) -> i.entry().modified())
            .thenComparing(i -> i.entry().path())
            .thenComparingInt(i -> i.entry().generation());

    private final RetentionPolicy policy;

    public RetentionPlanner(RetentionPolicy policy) {
        this.policy = policy;
    }

    public RetentionPlan plan(List<Item> items, Instant now, List<String> notesSoFar) {
        return new Run(items, now, notesSoFar).plan();
    }

    private final class Run {
        private final List<Item> items;
        private final Instant now;
        private final List<String> notes;
        private final Map<LogPath, List<Item>> generations = new HashMap<>(); // newest first
        private final Set<Item> deleted = new HashSet<>();
        private final Map<Item, PlannedAction> actions = new LinkedHashMap<>();

        Run(List<Item> items, Instant now, List<String> notes) {
            this.items = items.stream().sorted(OLDEST_FIRST).toList();
            this.now = now;
            this.notes = new ArrayList<>(notes);
            for (Item item : this.items) {
                if (!item.entry().isCurrent()) {
                    generations.computeIfAbsent(item.entry().path(), p -> new ArrayList<>()).add(item);
                }
            }
            generations.values().forEach(list -> list.sort(
                    Comparator.comparingInt((Item i) -> i.entry().generation()).reversed()));
        }

        RetentionPlan plan() {
            generationsKept();
            maxAge();
            for (Category category : categories()) {
                maxFiles(category);
                maxBytes(category);
            }
            budget();
            compress();
            long stored = items.stream().mapToLong(Item::storedBytes).sum();
            return new RetentionPlan(now, List.copyOf(actions.values()), notes, stored, items.size());
        }

        private void generationsKept() {
            for (Map.Entry<LogPath, List<Item>> path : new TreeMap<>(generations).entrySet()) {
                List<Item> olds = path.getValue();
                RetentionRule rule = rule(olds.get(0));
                if (rule.generationsKept().isEmpty()) {
                    continue;
                }
                int kept = rule.generationsKept().getAsInt();
                for (int i = kept; i < olds.size(); i++) {
                    delete(olds.get(i), "old generation " + olds.get(i).entry().generation() + " of " + olds.size()
                            + "; generations_kept " + kept + " (category " + olds.get(i).entry().category() + ")");
                }
            }
        }

        private void maxAge() {
            for (Item item : items) {
                RetentionRule rule = rule(item);
                if (rule.maxAge().isEmpty() || deleted.contains(item)) {
                    continue;
                }
                Duration age = Duration.between(item.entry().modified(), now);
                if (age.compareTo(rule.maxAge().get()) > 0 && eligible(item)) {
                    delete(item, why(item) + ", last modified " + ago(age) + " ago; max_age "
                            + Quantities.format(rule.maxAge().get()) + " (category " + item.entry().category() + ")");
                }
            }
        }

        private void maxFiles(Category category) {
            RetentionRule rule = policy.rules().ruleFor(category);
            if (rule.maxFiles().isEmpty()) {
                return;
            }
            int max = rule.maxFiles().getAsInt();
            List<Item> current = live(i -> i.entry().isCurrent() && i.entry().category().equals(category));
            int over = current.size() - max;
            for (Item item : current) {
                if (over <= 0) {
                    break;
                }
                if (eligible(item)) {
                    delete(item, why(item) + "; category " + category + " holds " + current.size()
                            + " files, max_files " + max);
                    over--;
                }
            }
            if (over > 0) {
                notes.add("category " + category + " keeps " + over + " files over max_files " + max
                        + ": the remote still has them (include_present: false)");
            }
        }

        private void maxBytes(Category category) {
            RetentionRule rule = policy.rules().ruleFor(category);
            if (rule.maxTotalBytes().isPresent()) {
                evict(i -> i.entry().category().equals(category), rule.maxTotalBytes().getAsLong(),
                        "category " + category, "max_total_bytes");
            }
        }

        private void budget() {
            if (policy.dataDirMaxBytes().isPresent()) {
                evict(i -> true, policy.dataDirMaxBytes().getAsLong(), "the mirror", "DATA_DIR_MAX_GB");
            }
        }

        /** Deletes the oldest eligible items matching {@code scope} until their bytes on disk fit {@code max}. */
        private void evict(Predicate<Item> scope, long max, String what, String limit) {
            List<Item> inScope = live(scope);
            long total = inScope.stream().mapToLong(Item::storedBytes).sum();
            long start = total;
            for (Item item : inScope) {
                if (total <= max) {
                    break;
                }
                if (eligible(item) && !deleted.contains(item)) {
                    total -= delete(item, why(item) + "; " + what + " takes " + bytes(start) + " on disk, " + limit
                            + " " + bytes(max));
                }
            }
            if (total > max) {
                notes.add(what + " takes " + bytes(total) + " on disk after retention, over " + limit + " "
                        + bytes(max) + ": the rest is still on the remote (include_present: false) or newer");
            }
        }

        private void compress() {
            if (policy.compressAfter().isEmpty()) {
                return;
            }
            Duration after = policy.compressAfter().get();
            for (Item item : items) {
                if (deleted.contains(item) || item.compressed() || item.storedBytes() < MIN_COMPRESS_BYTES) {
                    continue;
                }
                if (!item.entry().isCurrent()) {
                    actions.put(item, new PlannedAction(item.entry(), Kind.COMPRESS,
                            "old generation " + item.entry().generation() + ", which never changes", item.storedBytes()));
                    continue;
                }
                Duration idle = Duration.between(item.entry().modified(), now);
                if (idle.compareTo(after) >= 0) {
                    actions.put(item, new PlannedAction(item.entry(), Kind.COMPRESS, "not modified for "
                            + ago(idle) + "; COMPRESS_AFTER " + Quantities.format(after),
                            item.storedBytes()));
                }
            }
        }

        /** Plans the deletion of {@code item} (a current file takes its old generations along); returns its bytes. */
        private long delete(Item item, String reason) {
            long bytes = item.storedBytes();
            deleted.add(item);
            if (item.entry().isCurrent()) {
                int along = 0;
                for (Item old : generations.getOrDefault(item.entry().path(), List.of())) {
                    PlannedAction planned = actions.remove(old);
                    if (planned == null && !deleted.contains(old)) {
                        along++;
                        bytes += old.storedBytes();
                    } else if (planned != null) {
                        bytes += old.storedBytes(); // its own deletion is folded into this one
                        along++;
                    }
                    deleted.add(old);
                }
                if (along > 0) {
                    reason += " (with its " + along + " old generation" + (along == 1 ? "" : "s") + ")";
                }
            }
            actions.put(item, new PlannedAction(item.entry(), Kind.DELETE, reason, bytes));
            return bytes;
        }

        private List<Item> live(Predicate<Item> filter) {
            return items.stream().filter(i -> !deleted.contains(i)).filter(filter).toList();
        }

        private boolean eligible(Item item) {
            return !item.entry().isCurrent() || item.entry().goneRemotely() || rule(item).includePresent();
        }

        private String why(Item item) {
            if (!item.entry().isCurrent()) {
                return "old generation " + item.entry().generation();
            }
            return item.entry().goneRemotely() ? "gone from the remote" : "still on the remote (include_present: true)";
        }

        private RetentionRule rule(Item item) {
            return policy.rules().ruleFor(item.entry().category());
        }

        private List<Category> categories() {
            return items.stream().map(i -> i.entry().category()).distinct().sorted(Comparator.comparing(Category::name))
                    .toList();
        }
    }

    /** An age in its largest whole unit, rounded down: {@code 40d}, {@code 5h}, {@code 12m}. */
    static String ago(Duration age) {
        long s = Math.max(0, age.getSeconds());
        if (s >= 86_400) {
            return s / 86_400 + "d";
        }
        return s >= 3600 ? s / 3600 + "h" : s / 60 + "m";
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
