package io.logmirror.retention.internal;

import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.retention.PlannedAction;
import io.logmirror.retention.PlannedAction.Kind;
import io.logmirror.retention.RetentionPlan;
import io.logmirror.retention.RetentionPolicy;
import io.logmirror.retention.RetentionRule;
import io.logmirror.retention.RetentionRules;
import io.logmirror.retention.internal.RetentionPlanner.Item;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionPlannerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Category VLLM = Category.VLLM;
    private static final Category SLURM = Category.SLURM;

    private final List<Item> items = new ArrayList<>();

    @Test
    void keepsEverythingWhenNoRuleIsSetAndCompressionIsOff() {
        gone("a.log", VLLM, 400, 1000);
        present("b.log", VLLM, 400, 1000);
        old("b.log", VLLM, 1, 500, 1000);
        assertThat(plan(RetentionPolicy.defaults().withoutCompression()).actions()).isEmpty();
    }

    @Test
    void maxAgeDeletesGoneFilesOlderThanTheLimitAndNeverAFileTheRemoteStillHas() {
        gone("old-gone.log", VLLM, 31, 1000);
        gone("young-gone.log", VLLM, 29, 1000);
        present("old-present.log", VLLM, 300, 1000);
        RetentionPlan plan = plan(rules(RetentionRule.NONE.withMaxAge(Duration.ofDays(30))));
        assertThat(deleted(plan)).containsExactly("old-gone.log");
        assertThat(plan.deletions().get(0).reason())
                .isEqualTo("gone from the remote, last modified 31d ago; max_age 30d (category vllm)");
    }

    @Test
    void maxAgeDeletesAFileTheRemoteStillHasOnlyWithIncludePresent() {
        present("old-present.log", VLLM, 300, 1000);
        RetentionPlan plan = plan(rules(RetentionRule.NONE.withMaxAge(Duration.ofDays(30)).withIncludePresent(true)));
        assertThat(deleted(plan)).containsExactly("old-present.log");
        assertThat(plan.deletions().get(0).reason()).startsWith("still on the remote (include_present: true)");
    }

    @Test
    void maxAgeKeepsAFileExactlyAtTheLimit() {
        items.add(new Item(entry("edge.log", VLLM, true, NOW.minus(Duration.ofDays(30)), 0), 10, false));
        assertThat(plan(rules(RetentionRule.NONE.withMaxAge(Duration.ofDays(30)))).actions()).isEmpty();
    }

    @Test
    void generationsKeptDeletesTheOldestGenerationsEvenOfAFileTheRemoteHas() {
        present("job.out", SLURM, 1, 100);
        old("job.out", SLURM, 1, 50, 10);
        old("job.out", SLURM, 2, 40, 20);
        old("job.out", SLURM, 3, 30, 30);
        RetentionPlan plan = plan(rules(RetentionRule.NONE.withGenerationsKept(1)));
        assertThat(plan.deletions()).extracting(a -> a.entry().generation()).containsExactlyInAnyOrder(1, 2);
        assertThat(plan.deletions()).allSatisfy(a -> assertThat(a.reason()).contains("generations_kept 1"));
    }

    @Test
    void generationsKeptZeroDeletesEveryOldGeneration() {
        present("job.out", SLURM, 1, 100);
        old("job.out", SLURM, 1, 50, 10);
        old("job.out", SLURM, 2, 40, 20);
        assertThat(plan(rules(RetentionRule.NONE.withGenerationsKept(0))).deletions()).hasSize(2);
    }

    @Test
    void deletingACurrentFileTakesItsOldGenerationsAlongInOneAction() {
        gone("job.out", SLURM, 100, 1000);
        old("job.out", SLURM, 1, 200, 300);
        old("job.out", SLURM, 2, 150, 200);
        RetentionPlan plan = plan(rules(RetentionRule.NONE.withMaxAge(Duration.ofDays(30)).withGenerationsKept(1)));
        assertThat(plan.deletions()).singleElement().satisfies(a -> {
            assertThat(a.entry().isCurrent()).isTrue();
            assertThat(a.storedBytes()).isEqualTo(1500);
            assertThat(a.reason()).endsWith("(with its 2 old generations)");
        });
    }

    @Test
    void maxFilesDeletesTheOldestGoneFilesOfTheCategory() {
        gone("1.log", VLLM, 10, 1);
        gone("2.log", VLLM, 9, 1);
        present("3.log", VLLM, 20, 1);
        gone("4.log", VLLM, 1, 1);
        gone("other.log", SLURM, 50, 1);
        RetentionPlan plan = plan(rulesFor(VLLM, RetentionRule.NONE.withMaxFiles(2)));
        assertThat(deleted(plan)).containsExactly("1.log", "2.log");
        assertThat(plan.deletions().get(0).reason()).contains("category vllm holds 4 files, max_files 2");
        assertThat(plan.notes()).isEmpty();
    }

    @Test
    void maxFilesSaysWhenFilesTheRemoteStillHasKeepTheCategoryOverItsLimit() {
        present("1.log", VLLM, 10, 1);
        present("2.log", VLLM, 9, 1);
        gone("3.log", VLLM, 1, 1);
        RetentionPlan plan = plan(rulesFor(VLLM, RetentionRule.NONE.withMaxFiles(1)));
        assertThat(deleted(plan)).containsExactly("3.log");
        assertThat(plan.notes()).containsExactly(
                "category vllm keeps 1 files over max_files 1: the remote still has them (include_present: false)");
    }

    @Test
    void maxTotalBytesDeletesTheOldestEligibleUntilTheCategoryFitsCountingOldGenerations() {
        gone("a.log", VLLM, 30, 400);
        present("b.log", VLLM, 20, 400);
        old("b.log", VLLM, 1, 25, 300);
        gone("c.log", VLLM, 10, 400);
        gone("d.log", VLLM, 5, 400);
        RetentionPlan plan = plan(rulesFor(VLLM, RetentionRule.NONE.withMaxTotalBytes(1000)));
        // 1900 bytes: a (400, oldest) and the generation of b (300) are not enough; c (400) brings it to 800.
        assertThat(plan.deletions()).extracting(a -> a.entry().path() + "@" + a.entry().generation())
                .containsExactly("a.log@0", "b.log@1", "c.log@0");
        assertThat(plan.deletions().get(0).reason()).contains("category vllm takes 1.9 KiB on disk, max_total_bytes");
    }

    @Test
    void theBudgetEvictsTheOldestEligibleFilesOfAnyCategoryFirst() {
        gone("v-old.log", VLLM, 50, 600);
        gone("s-older.log", SLURM, 60, 600);
        present("s-oldest-present.log", SLURM, 90, 600);
        gone("v-new.log", VLLM, 1, 600);
        RetentionPlan plan = plan(RetentionPolicy.defaults().withoutCompression().withDataDirMaxBytes(1300));
        assertThat(deleted(plan)).containsExactly("s-older.log", "v-old.log");
        assertThat(plan.deletions().get(0).reason()).contains("the mirror takes 2.3 KiB on disk, DATA_DIR_MAX_GB");
    }

    @Test
    void theBudgetSaysWhenItCannotBeMetWithoutFilesTheRemoteHas() {
        present("a.log", VLLM, 50, 600);
        gone("b.log", VLLM, 40, 600);
        RetentionPlan plan = plan(RetentionPolicy.defaults().withoutCompression().withDataDirMaxBytes(100));
        assertThat(deleted(plan)).containsExactly("b.log");
        assertThat(plan.notes()).singleElement().asString().contains("over DATA_DIR_MAX_GB 100 B");
    }

    @Test
    void aCategorysOwnRuleOverridesTheDefaults() {
        gone("v.log", VLLM, 20, 1);
        gone("s.log", SLURM, 20, 1);
        RetentionRules rules = new RetentionRules(RetentionRule.NONE.withMaxAge(Duration.ofDays(10)),
                Map.of(SLURM, RetentionRule.NONE.withMaxAge(Duration.ofDays(30))));
        assertThat(deleted(plan(RetentionPolicy.defaults().withoutCompression().withRules(rules))))
                .containsExactly("v.log");
    }

    @Test
    void compressesFilesIdleForCompressAfterAndOldGenerationsAtOnce() {
        present("idle.log", VLLM, 8, 100_000);
        present("busy.log", VLLM, 6, 100_000);
        old("busy.log", VLLM, 1, 6, 100_000);
        items.add(new Item(entry("done.log", VLLM, false, NOW.minus(Duration.ofDays(30)), 0), 5000, true));
        present("tiny.log", VLLM, 30, 100);
        RetentionPlan plan = plan(RetentionPolicy.defaults());
        assertThat(plan.compressions()).extracting(a -> a.entry().path() + "@" + a.entry().generation())
                .containsExactlyInAnyOrder("idle.log@0", "busy.log@1");
        assertThat(plan.compressions()).extracting(PlannedAction::reason)
                .contains("not modified for 8d; COMPRESS_AFTER 7d", "old generation 1, which never changes");
    }

    @Test
    void compressAfterZeroCompressesEveryFileAtOnce() {
        items.add(new Item(entry("now.log", VLLM, false, NOW, 0), 10_000, false));
        assertThat(plan(RetentionPolicy.defaults().withCompressAfter(Duration.ZERO)).compressions()).hasSize(1);
    }

    @Test
    void neverCompressesAFileItDeletesAndListsDeletionsFirst() {
        present("keep.log", VLLM, 40, 10_000);
        gone("drop.log", VLLM, 40, 10_000);
        RetentionPlan plan = plan(rules(RetentionRule.NONE.withMaxAge(Duration.ofDays(30)))
                .withCompressAfter(Duration.ofDays(1)));
        assertThat(plan.actions()).extracting(a -> a.kind() + " " + a.entry().path())
                .containsExactly("DELETE drop.log", "COMPRESS keep.log");
        assertThat(plan.bytesToDelete()).isEqualTo(10_000);
        assertThat(plan.storedBytes()).isEqualTo(20_000);
        assertThat(plan.files()).isEqualTo(2);
    }

    @Test
    void deletesNoFileTheRemoteStillHasUnderAnyDefaultLimit() {
        for (int i = 0; i < 50; i++) {
            present("p" + i + ".log", i % 2 == 0 ? VLLM : SLURM, 100 + i, 1_000_000);
        }
        RetentionRule strict = RetentionRule.NONE.withMaxAge(Duration.ZERO).withMaxFiles(0).withMaxTotalBytes(0)
                .withGenerationsKept(0);
        RetentionPlan plan = plan(rules(strict).withDataDirMaxBytes(1));
        assertThat(plan.deletions()).isEmpty();
        assertThat(plan.notes()).isNotEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private RetentionPlan plan(RetentionPolicy policy) {
        return new RetentionPlanner(policy).plan(items, NOW, List.of());
    }

    private static RetentionPolicy rules(RetentionRule defaults) {
        return RetentionPolicy.defaults().withoutCompression().withRules(new RetentionRules(defaults, Map.of()));
    }

    private static RetentionPolicy rulesFor(Category category, RetentionRule rule) {
        return RetentionPolicy.defaults().withoutCompression()
                .withRules(new RetentionRules(RetentionRule.NONE, Map.of(category, rule)));
    }

    private static List<String> deleted(RetentionPlan plan) {
        return plan.deletions().stream().map(a -> a.entry().path().toString()).toList();
    }

    private void gone(String path, Category category, int daysAgo, long bytes) {
        items.add(new Item(entry(path, category, true, NOW.minus(Duration.ofDays(daysAgo)), 0), bytes, false));
    }

    private void present(String path, Category category, int daysAgo, long bytes) {
        items.add(new Item(entry(path, category, false, NOW.minus(Duration.ofDays(daysAgo)), 0), bytes, false));
    }

    private void old(String path, Category category, int generation, int daysAgo, long bytes) {
        items.add(new Item(entry(path, category, false, NOW.minus(Duration.ofDays(daysAgo)), generation), bytes,
                false));
    }

    private static LogEntry entry(String path, Category category, boolean gone, Instant modified, int generation) {
        return new LogEntry(LogPath.of(path), category, 1, modified, gone, generation);
    }
}
