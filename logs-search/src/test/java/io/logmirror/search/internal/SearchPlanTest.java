package io.logmirror.search.internal;

import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.search.CaseMode;
import io.logmirror.search.InvalidQueryException;
import io.logmirror.search.SearchQuery;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchPlanTest {

    private static SearchPlan plan(SearchQuery.Builder builder) {
        return SearchPlan.of(builder.build());
    }

    private static LogEntry entry(String path) {
        return new LogEntry(LogPath.of(path), Category.SERVER, 1, Instant.EPOCH, false, 0);
    }

    @Test
    void resolvesSmartCaseFromUpperCaseLettersOutsideEscapes() {
        assertThat(plan(SearchQuery.builder("error")).foldsCase()).isTrue();
        assertThat(plan(SearchQuery.builder("Error")).foldsCase()).isFalse();
        assertThat(plan(SearchQuery.builder("\\W+error").regex(true)).foldsCase()).isTrue();
        assertThat(plan(SearchQuery.builder("\\p{Lu}x").regex(true)).foldsCase()).isTrue();
        assertThat(plan(SearchQuery.builder("error").caseMode(CaseMode.SENSITIVE)).foldsCase()).isFalse();
        assertThat(plan(SearchQuery.builder("ERROR").caseMode(CaseMode.INSENSITIVE)).foldsCase()).isTrue();
    }

    @Test
    void refusesARegexThatDoesNotCompileNamingTheField() {
        assertThatThrownBy(() -> plan(SearchQuery.builder("(a").regex(true)))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("q"))
                .hasMessageContaining("does not compile");
        assertThatThrownBy(() -> plan(SearchQuery.builder("(?<=a)b").regex(true)))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("no look-around");
    }

    @Test
    void refusesARegexWhoseProgramIsTooLarge() {
        assertThatThrownBy(() -> plan(SearchQuery.builder("((((a{100}){100}){100}){100})").regex(true)))
                .isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> plan(SearchQuery.builder("(a{1000}){60}").regex(true)))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("too large");
    }

    @Test
    void refusesABadGlob() {
        assertThatThrownBy(() -> plan(SearchQuery.builder("x").glob("[a")))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("glob"));
    }

    @Test
    void selectsByPathPrefixOnWholeSegmentsOnly() {
        SearchPlan plan = plan(SearchQuery.builder("x").path(LogPath.of("job-1")));

        assertThat(plan.selects(entry("job-1/a.log"))).isTrue();
        assertThat(plan.selects(entry("job-1"))).isTrue();
        assertThat(plan.selects(entry("job-10/a.log"))).isFalse();
    }

    @Test
    void leavesHiddenFilesOut() {
        SearchPlan plan = plan(SearchQuery.builder("x"));

        assertThat(plan.selects(entry(".env"))).isFalse();
        assertThat(plan.selects(entry("a/.b/c.log"))).isFalse();
        assertThat(plan.selects(entry("a/b.log"))).isTrue();
    }

    @Test
    void keepsSinceInclusiveAndUntilExclusive() {
        SearchPlan plan = plan(SearchQuery.builder("x").since(Instant.ofEpochMilli(1000)).until(Instant.ofEpochMilli(2000)));

        assertThat(plan.inTime(1000)).isTrue();
        assertThat(plan.inTime(1999)).isTrue();
        assertThat(plan.inTime(2000)).isFalse();
        assertThat(plan.inTime(999)).isFalse();
    }
}
