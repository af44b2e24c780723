package io.logmirror.search;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchQueryTest {

    @Test
    void startsWithStatedDefaults() {
        SearchQuery query = SearchQuery.builder("x").build();

        assertThat(query.regex()).isFalse();
        assertThat(query.caseMode()).isEqualTo(CaseMode.SMART);
        assertThat(query.limit()).isEqualTo(SearchQuery.DEFAULT_LIMIT);
        assertThat(query.timeLimit()).isEqualTo(Duration.ofSeconds(30));
        assertThat(query.before()).isZero();
        assertThat(query.after()).isZero();
    }

    @Test
    void setsBothSidesOfContextAtOnce() {
        SearchQuery query = SearchQuery.builder("x").context(3).after(1).build();

        assertThat(query.before()).isEqualTo(3);
        assertThat(query.after()).isEqualTo(1);
    }

    private static void refused(SearchQuery.Builder builder, String field, String message) {
        assertThatThrownBy(builder::build).isInstanceOfSatisfying(InvalidQueryException.class,
                e -> assertThat(e.field()).isEqualTo(field)).hasMessageContaining(message);
    }

    @Test
    void refusesEachBadValueNamingItsField() {
        refused(SearchQuery.builder(""), "q", "empty");
        refused(SearchQuery.builder("x".repeat(1001)), "q", "at most 1000");
        refused(SearchQuery.builder("a\nb"), "q", "line break");
        refused(SearchQuery.builder("x").before(-1), "before", "from 0 to 100");
        refused(SearchQuery.builder("x").after(101), "after", "from 0 to 100");
        refused(SearchQuery.builder("x").limit(0), "limit", "at least 1");
        refused(SearchQuery.builder("x").timeLimit(Duration.ZERO), "timeLimit", "positive");
        refused(SearchQuery.builder("x").since(Instant.ofEpochSecond(10)).until(Instant.ofEpochSecond(10)), "until", "after since");
    }
}
