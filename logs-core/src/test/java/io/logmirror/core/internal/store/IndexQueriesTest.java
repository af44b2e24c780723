package io.logmirror.core.internal.store;

import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogFolder;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IndexQueriesTest {

    private final LogIndex index = new LogIndex(Category.STANDARD, 4);
    private final IndexQueries queries = new IndexQueries(index);

    private void put(String path, Category category, long seconds) {
        index.put(LogPath.of(path), category, 1, Instant.ofEpochSecond(seconds), false);
    }

    private List<String> list(LogQuery query) {
        return queries.list(query).stream().map(e -> e.path().toString()).toList();
    }

    @Test
    void aTimeRangeListsTheFilesModifiedFromSinceUntilBeforeUntilNewestFirst() {
        for (int i = 0; i < 10; i++) {
            put("f-" + i, i % 2 == 0 ? Category.SLURM : Category.VLLM, 100 + i);
        }

        assertThat(list(LogQuery.newest(50).modifiedSince(Instant.ofEpochSecond(103)).modifiedBefore(Instant.ofEpochSecond(107))))
                .containsExactly("f-6", "f-5", "f-4", "f-3");
        assertThat(list(LogQuery.newest(50).inCategory(Category.SLURM).modifiedSince(Instant.ofEpochSecond(103))))
                .containsExactly("f-8", "f-6", "f-4");
        assertThat(list(LogQuery.newest(2).modifiedBefore(Instant.ofEpochSecond(105)))).containsExactly("f-4", "f-3");
    }

    @Test
    void aCursorPageBoundaryStaysPutWhenASyncAddsFiles() {
        for (int i = 0; i < 10; i++) {
            put("f-" + i, Category.LOGS, 100 + i);
        }
        LogQuery query = LogQuery.newest(3);
        List<LogEntry> first = queries.list(query);

        put("newer", Category.LOGS, 500);       // lands before the boundary
        put("between", Category.LOGS, 106);     // ties nothing; lands on the first page's range
        put("f-7b", Category.LOGS, 107);        // same time as f-7, after it by path

        assertThat(list(query.after(first.get(first.size() - 1)))).containsExactly("f-7b", "between", "f-6");
        assertThat(list(query.after(LogQuery.Cursor.parse(LogQuery.Cursor.after(first.get(2)).toString()))))
                .as("the cursor's text form reads back").containsExactly("f-7b", "between", "f-6");
    }

    @Test
    void pathOrderWithAPrefixListsThatFolderInPathOrderAndPagesByCursor() {
        put("a/1.log", Category.LOGS, 5);
        put("b/2.log", Category.SLURM, 1);
        put("b/1.log", Category.LOGS, 9);
        put("b/sub/3.log", Category.LOGS, 3);
        put("b-other/x.log", Category.LOGS, 3);
        put("c.log", Category.LOGS, 3);

        List<LogEntry> page = queries.list(LogQuery.byPath(2).underPath("b/"));

        assertThat(page).extracting(e -> e.path().toString()).containsExactly("b/1.log", "b/2.log");
        assertThat(list(LogQuery.byPath(2).underPath("b/").after(page.get(1)))).containsExactly("b/sub/3.log");
        assertThat(list(LogQuery.byPath(10).underPath("b/").inCategory(Category.LOGS))).containsExactly("b/1.log", "b/sub/3.log");
        assertThat(list(LogQuery.newest(10).underPath("b/"))).as("newest first with a prefix")
                .containsExactly("b/1.log", "b/sub/3.log", "b/2.log");
    }

    @Test
    void aNameFilterAndAnOffsetApplyAfterTheOtherFilters() {
        for (int i = 0; i < 10; i++) {
            put("job/slurm-" + i + ".out", Category.SLURM, 100 + i);
            put("job/vllm-" + i + ".log", Category.VLLM, 200 + i);
        }

        assertThat(list(LogQuery.newest(3).nameContaining("slurm"))).containsExactly("job/slurm-9.out", "job/slurm-8.out",
                "job/slurm-7.out");
        assertThat(list(LogQuery.newest(3).nameContaining("slurm").skip(8))).containsExactly("job/slurm-1.out",
                "job/slurm-0.out");
        assertThat(list(LogQuery.newest(2).skip(1))).containsExactly("job/vllm-8.log", "job/vllm-7.log");
    }

    @Test
    void agreesWithAFullScanOnRandomQueries() {
        Random random = new Random(7);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            String path = "d" + random.nextInt(20) + "/f" + i + (random.nextInt(10) == 0 ? "/.h" : ".log");
            put(path, Category.STANDARD.get(random.nextInt(Category.STANDARD.size())), random.nextInt(500));
            all.add(path);
        }
        for (int round = 0; round < 200; round++) {
            Instant since = Instant.ofEpochSecond(random.nextInt(500));
            Instant until = since.plusSeconds(random.nextInt(200));
            String prefix = "d" + random.nextInt(20) + "/";
            LogQuery query = LogQuery.newest(1 + random.nextInt(40)).modifiedSince(since).modifiedBefore(until);
            if (random.nextBoolean()) {
                query = query.underPath(prefix);
            }
            if (random.nextBoolean()) {
                query = query.inOrder(LogQuery.Order.PATH);
            }
            LogQuery q = query;
            Predicate<LogEntry> matches = e -> !e.path().isHidden() && !e.modified().isBefore(since)
                    && e.modified().isBefore(until) && q.pathPrefix().map(p -> e.path().toString().startsWith(p)).orElse(true);
            Comparator<LogEntry> order = q.order() == LogQuery.Order.PATH
                    ? Comparator.comparing(e -> e.path().toString())
                    : Comparator.comparing(LogEntry::modified).reversed().thenComparing(e -> e.path().toString());
            List<LogEntry> expected = all.stream().map(p -> index.find(LogPath.of(p)).orElseThrow()).filter(matches)
                    .sorted(order).toList();
            List<LogEntry> pages = new ArrayList<>();
            for (List<LogEntry> page = queries.list(q); !page.isEmpty(); page = queries.list(q.after(page.get(page.size() - 1)))) {
                pages.addAll(page);
            }
            assertThat(pages).as(q.toString()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void childrenListsAFoldersFilesAndSubFoldersByPathSkippingHiddenFiles() {
        put("top.log", Category.LOGS, 1);
        put("job-1/a.log", Category.LOGS, 1);
        put("job-1/.hidden", Category.LOGS, 1);
        put("job-1/sub/x.log", Category.LOGS, 1);
        put("job-1/sub/deeper/y.log", Category.LOGS, 1);
        put("job-1/sub-2/z.log", Category.LOGS, 1);
        put("job-1/t.log", Category.LOGS, 1);
        put("job-10/b.log", Category.LOGS, 1);

        LogFolder top = queries.children(Optional.empty(), false);
        LogFolder job = queries.children(Optional.of(LogPath.of("job-1")), false);

        assertThat(top.folders()).extracting(LogPath::toString).containsExactly("job-1", "job-10");
        assertThat(top.files()).extracting(e -> e.path().toString()).containsExactly("top.log");
        assertThat(job.folders()).extracting(LogPath::toString).containsExactly("job-1/sub", "job-1/sub-2");
        assertThat(job.files()).extracting(e -> e.path().toString()).containsExactly("job-1/a.log", "job-1/t.log");
        assertThat(queries.children(Optional.of(LogPath.of("nothing")), false).files()).isEmpty();
    }
}
