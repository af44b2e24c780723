package io.logmirror.patterns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import io.logmirror.patterns.ErrorEvent;
import io.logmirror.patterns.ErrorGroup;
import io.logmirror.patterns.ErrorQuery;
import io.logmirror.patterns.Level;
import io.logmirror.patterns.Location;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorBookTest {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");
    private final ErrorBook book = new ErrorBook(2);

    private static ErrorEvent event(String file, long line, String pattern, Level level, Instant time) {
        return new ErrorEvent("level", level, new Location(LogPath.of(file), line, line * 100), line, pattern,
                "message " + line, List.of("message " + line), time, Optional.empty(), OptionalInt.empty());
    }

    @Test
    void groupsByPatternAndLevelAcrossFilesWithSamples() {
        book.add(event("a.log", 1, "p1", Level.ERROR, T), Category.VLLM);
        book.add(event("a.log", 5, "p1", Level.ERROR, T.plusSeconds(60)), Category.VLLM);
        book.add(event("a.log", 9, "p1", Level.ERROR, T.plusSeconds(120)), Category.VLLM);
        book.add(event("b.log", 2, "p1", Level.ERROR, T.plusSeconds(30)), Category.SLURM);
        book.add(event("b.log", 3, "p1", Level.WARNING, T), Category.SLURM);
        List<ErrorGroup> groups = book.query(ErrorQuery.all(), null, id -> "template of " + id);
        assertThat(groups).hasSize(2);
        ErrorGroup errors = groups.get(0);
        assertThat(errors.count()).isEqualTo(4);
        assertThat(errors.template()).isEqualTo("template of p1");
        assertThat(errors.firstSeen()).isEqualTo(T);
        assertThat(errors.lastSeen()).isEqualTo(T.plusSeconds(120));
        assertThat(errors.files()).containsExactly(LogPath.of("a.log"), LogPath.of("b.log"));
        assertThat(errors.samples()).extracting(Location::lineNumber).containsExactly(1L, 5L, 2L);
        assertThat(errors.example()).isEqualTo("message 1");
    }

    @Test
    void filtersByPathCategoryLevelFilesAndTime() {
        book.add(event("a.log", 1, "p1", Level.ERROR, T), Category.VLLM);
        book.add(event("a.log", 2, "p1", Level.ERROR, T.plusSeconds(3600)), Category.VLLM);
        book.add(event("b.log", 3, "p2", Level.WARNING, T), Category.SLURM);
        assertThat(book.query(ErrorQuery.all().path(LogPath.of("b.log")), null, id -> id)).extracting(ErrorGroup::patternId)
                .containsExactly("p2");
        assertThat(book.query(ErrorQuery.all().category(Category.VLLM), null, id -> id)).extracting(ErrorGroup::count)
                .containsExactly(2L);
        assertThat(book.query(ErrorQuery.all().minLevel(Level.ERROR), null, id -> id)).hasSize(1);
        assertThat(book.query(ErrorQuery.all(), Set.of(LogPath.of("b.log")), id -> id)).hasSize(1);
        List<ErrorGroup> late = book.query(ErrorQuery.all().since(T.plusSeconds(1800)), null, id -> id);
        assertThat(late).singleElement().satisfies(g -> {
            assertThat(g.count()).isEqualTo(1);
            assertThat(g.firstSeen()).isEqualTo(T.plusSeconds(3600));
        });
        assertThat(book.query(ErrorQuery.all().until(T.plusSeconds(60)), null, id -> id))
                .extracting(ErrorGroup::count).containsExactly(1L, 1L);
    }

    @Test
    void showsTheFirstMessageWhenThePatternWasEvictedAndForgetsARewrittenFile() {
        book.add(event("a.log", 1, "gone", Level.ERROR, T), Category.VLLM);
        assertThat(book.query(ErrorQuery.all(), null, id -> null).get(0).template()).isEqualTo("message 1");
        book.forget(LogPath.of("a.log"));
        assertThat(book.query(ErrorQuery.all(), null, id -> id)).isEmpty();
    }

    @Test
    void listsTheMostFrequentGroupsFirstUpToTheLimit() {
        for (int i = 1; i <= 3; i++) {
            for (int n = 0; n < i; n++) {
                book.add(event("a.log", 10 * i + n, "p" + i, Level.ERROR, T), Category.VLLM);
            }
        }
        assertThat(book.query(ErrorQuery.all().limit(2), null, id -> id)).extracting(ErrorGroup::patternId)
                .containsExactly("p3", "p2");
    }
}
