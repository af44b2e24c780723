package io.logmirror.search.internal;

import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogStore;
import io.logmirror.search.CaseMode;
import io.logmirror.search.ContextLine;
import io.logmirror.search.LogSearch;
import io.logmirror.search.SearchMatch;
import io.logmirror.search.SearchQuery;
import io.logmirror.search.SearchSink;
import io.logmirror.search.SearchSummary;
import io.logmirror.search.StopReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultLogSearchTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path data;
    private LogStore store;

    @AfterEach
    void close() throws IOException {
        if (store != null) {
            store.close();
        }
    }

    private LogSearch search(SearchFixture fixture) throws IOException {
        store = fixture.open();
        return LogSearch.over(store, ZoneOffset.UTC, 2);
    }

    private static List<SearchMatch> run(LogSearch search, SearchQuery query) throws IOException {
        List<SearchMatch> matches = new ArrayList<>();
        search.search(query, matches::add);
        return matches;
    }

    private static List<String> rgLines(List<SearchMatch> matches) {
        return matches.stream().map(m -> m.entry().path() + ":" + m.lineNumber() + ":" + m.line()).toList();
    }

    @Test
    void findsALiteralInNewestFilesFirstAndLineOrderWithin() throws IOException {
        LogSearch search = search(new SearchFixture(data)
                .file("old.log", "error one\nfine\nerror two\n", T0)
                .file("new.log", "x\nerror three\n", T0.plusSeconds(60))
                .file("mid/a.log", "error four", T0.plusSeconds(30)));

        assertThat(rgLines(run(search, SearchQuery.builder("error").build()))).containsExactly(
                "new.log:2:error three", "mid/a.log:1:error four", "old.log:1:error one", "old.log:3:error two");
    }

    @Test
    void givesEachMatchItsByteOffsetAndTime() throws IOException {
        LogSearch search = search(new SearchFixture(data).file("app.log",
                "2026-12-07 10:00:00,000 INFO start\n2026-12-07 10:00:05,250 ERROR boom\nTraceback: boom\n", T0));

        List<SearchMatch> matches = run(search, SearchQuery.builder("boom").build());

        assertThat(matches).extracting(SearchMatch::byteOffset).containsExactly(35L, 70L);
        assertThat(matches).extracting(m -> m.time().orElseThrow())
                .containsExactly(Instant.parse("2026-12-07T10:00:05.250Z"), Instant.parse("2026-12-07T10:00:05.250Z"));
    }

    @Test
    void givesContextLinesBeforeAndAfterEachMatch() throws IOException {
        LogSearch search = search(new SearchFixture(data).file("a.log", "1\n2\nhit\n4\n5\n6\nhit\n8\n", T0));

        List<SearchMatch> matches = run(search, SearchQuery.builder("hit").before(2).after(1).build());

        assertThat(matches.get(0).before()).containsExactly(new ContextLine(1, "1"), new ContextLine(2, "2"));
        assertThat(matches.get(0).after()).containsExactly(new ContextLine(4, "4"));
        assertThat(matches.get(1).before()).containsExactly(new ContextLine(5, "5"), new ContextLine(6, "6"));
        assertThat(matches.get(1).after()).containsExactly(new ContextLine(8, "8"));
    }

    @Test
    void keepsContextAndLineNumbersRightAcrossReadBoundaries() throws IOException {
        StringBuilder text = new StringBuilder();
        int lines = 0;
        while (text.length() < 3 * FileScanner.READ_SIZE) {
            lines++;
            text.append(lines % 9973 == 0 ? "needle at " + lines : "line " + lines + " of filler text").append('\n');
        }
        LogSearch search = search(new SearchFixture(data).file("big.log", text.toString(), T0));

        List<SearchMatch> matches = run(search, SearchQuery.builder("needle").context(3).limit(10_000).build());

        assertThat(matches).isNotEmpty().allSatisfy(m -> {
            assertThat(m.line()).isEqualTo("needle at " + m.lineNumber());
            assertThat(m.before()).extracting(ContextLine::text).containsExactly(
                    "line " + (m.lineNumber() - 3) + " of filler text", "line " + (m.lineNumber() - 2) + " of filler text",
                    "line " + (m.lineNumber() - 1) + " of filler text");
            assertThat(m.after()).extracting(ContextLine::lineNumber).containsExactly(m.lineNumber() + 1, m.lineNumber() + 2, m.lineNumber() + 3);
        });
        assertThat(matches).hasSize(lines / 9973);
    }

    @Test
    void findsTheSameLinesAsAPlainLineByLineSearch() throws IOException {
        Random random = new Random(11);
        String[] words = {"ERROR", "error", "Error", "warn", "GET /v1/completions", "latency=12ms", "übergröße", "tokens/s",
                "", " ", "a", "ab", "abc", "[x]", "x.y", "\t", "é"};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            int n = random.nextInt(8);
            for (int k = 0; k < n; k++) {
                text.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? " " : "");
            }
            text.append(random.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        String content = text.toString();
        LogSearch search = search(new SearchFixture(data).file("mixed.log", content, T0));
        String[][] queries = {
                {"error", "false", "SENSITIVE"}, {"error", "false", "INSENSITIVE"}, {"Error", "false", "SMART"},
                {"error", "false", "SMART"}, {"übergröße", "false", "INSENSITIVE"}, {"ÜBERGRÖSSE", "false", "SENSITIVE"},
                {"a ab", "false", "SENSITIVE"}, {"[x]", "false", "SENSITIVE"}, {"latency=\\d+ms", "true", "SENSITIVE"},
                {"^warn", "true", "SENSITIVE"}, {"ab?c", "true", "INSENSITIVE"}, {"x\\.y\\s*$", "true", "SENSITIVE"},
                {"(?i)error warn", "true", "SENSITIVE"}, {"\\d{2}ms", "true", "SMART"}, {"é", "false", "INSENSITIVE"},
                {"GET|warn", "true", "SENSITIVE"}, {"[a-c]{3}", "true", "SENSITIVE"}, {"tokens/s$", "true", "SMART"},
                {"^.{2}$", "true", "SENSITIVE"}, {"[^a-z ]{3}", "true", "SENSITIVE"}, {"(?i)[A-C]{2}\\s", "true", "SENSITIVE"},
                {"\\W\\w\\W", "true", "INSENSITIVE"}, {"(a|b)+\\s*\\[", "true", "SENSITIVE"},
                {"^\\S+$", "true", "SENSITIVE"}, {"ß|ü", "true", "INSENSITIVE"},
        };
        for (String[] q : queries) {
            SearchQuery query = SearchQuery.builder(q[0]).regex(Boolean.parseBoolean(q[1])).caseMode(CaseMode.valueOf(q[2]))
                    .limit(1_000_000).build();
            boolean fold = q[2].equals("INSENSITIVE") || (q[2].equals("SMART") && q[0].equals(q[0].toLowerCase()));
            Pattern reference = Pattern.compile(query.regex() ? q[0] : Pattern.quote(q[0]),
                    Pattern.UNIX_LINES | (fold ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0)); // $ ignores \r, as rg's
            List<Long> expected = new ArrayList<>();
            String[] lines = content.split("\n", -1);
            for (int i = 0; i < lines.length - 1; i++) {
                if (reference.matcher(lines[i]).find()) {
                    expected.add(i + 1L);
                }
            }
            assertThat(run(search, query)).as(String.join(" ", q)).extracting(SearchMatch::lineNumber)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void stopsAtTheLimitAndSaysSo() throws IOException {
        LogSearch search = search(new SearchFixture(data)
                .file("a.log", "hit\n".repeat(10), T0.plusSeconds(1)).file("b.log", "hit\n".repeat(10), T0));
        List<SearchMatch> matches = new ArrayList<>();

        SearchSummary summary = search.search(SearchQuery.builder("hit").limit(12).build(), matches::add);

        assertThat(matches).hasSize(12);
        assertThat(rgLines(matches).get(11)).isEqualTo("b.log:2:hit");
        assertThat(summary.stopReason()).isEqualTo(StopReason.LIMIT);
        assertThat(summary.matches()).isEqualTo(12);
    }

    @Test
    void stopsWhenTheSinkSaysNoMore() throws IOException {
        LogSearch search = search(new SearchFixture(data).file("a.log", "hit\n".repeat(100), T0));
        List<SearchMatch> matches = new ArrayList<>();

        SearchSummary summary = search.search(SearchQuery.builder("hit").build(), m -> matches.add(m) && matches.size() < 3);

        assertThat(matches).hasSize(3);
        assertThat(summary.stopReason()).isEqualTo(StopReason.CANCELLED);
    }

    @Test
    void stopsWhenCancelledWhileNothingMatches() throws IOException {
        SearchFixture fixture = new SearchFixture(data);
        for (int i = 0; i < 20; i++) {
            fixture.file("f" + i + ".log", "nothing here\n".repeat(200_000), T0.plusSeconds(i));
        }
        LogSearch search = search(fixture);
        AtomicBoolean cancelled = new AtomicBoolean(true);

        SearchSummary summary = search.search(SearchQuery.builder("absent").build(), new SearchSink() {
            @Override
            public boolean accept(SearchMatch match) {
                return true;
            }

            @Override
            public boolean cancelled() {
                return cancelled.get();
            }
        });

        assertThat(summary.stopReason()).isEqualTo(StopReason.CANCELLED);
        assertThat(summary.filesSearched()).isLessThan(20);
    }

    @Test
    void stopsAtTheTimeLimitAndSaysSo() throws IOException {
        SearchFixture fixture = new SearchFixture(data);
        for (int i = 0; i < 20; i++) {
            fixture.file("f" + i + ".log", "nothing here\n".repeat(200_000), T0.plusSeconds(i));
        }
        SearchSummary summary = search(fixture).search(
                SearchQuery.builder("(a|b|c|d|e)*z").regex(true).timeLimit(Duration.ofMillis(1)).build(), m -> true);

        assertThat(summary.stopReason()).isEqualTo(StopReason.TIME_LIMIT);
    }

    @Test
    void selectsFilesByCategoryPathAndGlob() throws IOException {
        LogSearch search = search(new SearchFixture(data)
                .file("vllm_0.log", "hit\n", T0.plusSeconds(3))
                .file("job-1/server.log", "hit\n", T0.plusSeconds(2))
                .file("job-1/sub/x.err", "hit\n", T0.plusSeconds(1))
                .file("job-10/server.log", "hit\n", T0)
                .file(".hidden/h.log", "hit\n", T0)
                .file("job-1/.h.log", "hit\n", T0));

        assertThat(rgLines(run(search, SearchQuery.builder("hit").category(Category.VLLM).build())))
                .containsExactly("vllm_0.log:1:hit");
        assertThat(rgLines(run(search, SearchQuery.builder("hit").path(LogPath.of("job-1")).build())))
                .containsExactly("job-1/server.log:1:hit", "job-1/sub/x.err:1:hit");
        assertThat(rgLines(run(search, SearchQuery.builder("hit").path(LogPath.of("job-1/server.log")).build())))
                .containsExactly("job-1/server.log:1:hit");
        assertThat(rgLines(run(search, SearchQuery.builder("hit").glob("*.err").build())))
                .containsExactly("job-1/sub/x.err:1:hit");
        assertThat(rgLines(run(search, SearchQuery.builder("hit").glob("job-1*/*.log").build())))
                .containsExactly("job-1/server.log:1:hit", "job-10/server.log:1:hit");
    }

    @Test
    void filtersLinesByTheirOwnTimeWhereTheFileHasTimes() throws IOException {
        LogSearch search = search(new SearchFixture(data).file("app.log",
                "2026-12-07 09:00:00 hit early\n  hit continuation of early\n2026-12-07 10:00:00 hit on time\n"
                        + "  hit continuation\n2026-12-07 11:00:00 hit late\n", T0.plusSeconds(7200)));

        List<SearchMatch> matches = run(search, SearchQuery.builder("hit").since(T0).until(T0.plusSeconds(3600)).build());

        assertThat(rgLines(matches)).containsExactly("app.log:3:2026-12-07 10:00:00 hit on time", "app.log:4:  hit continuation");
    }

    @Test
    void filtersByFileTimeWhereTheFileHasNoTimesAndSkipsFilesOlderThanSince() throws IOException {
        LogSearch search = search(new SearchFixture(data)
                .file("old.txt", "hit\n", T0.minusSeconds(60))
                .file("in.txt", "hit\n", T0.plusSeconds(60))
                .file("after.txt", "hit\n", T0.plusSeconds(7200)));
        List<SearchMatch> matches = new ArrayList<>();

        SearchSummary summary = search.search(SearchQuery.builder("hit").since(T0).until(T0.plusSeconds(3600)).build(), matches::add);

        assertThat(rgLines(matches)).containsExactly("in.txt:1:hit");
        assertThat(summary.filesSkipped()).isEqualTo(1);
        assertThat(summary.filesSearched()).isEqualTo(2);
    }

    @Test
    void answersAPathologicalRegexInLinearTime() throws IOException {
        String line = "a".repeat(5000) + "!\n";
        LogSearch search = search(new SearchFixture(data).file("a.log", line.repeat(200), T0));

        long started = System.nanoTime();
        SearchSummary summary = search.search(SearchQuery.builder("(a+)+$").regex(true).timeLimit(Duration.ofSeconds(30)).build(), m -> true);

        assertThat(summary.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(summary.matches()).isZero();
        // a backtracking engine would take longer than the universe's age here; RE2/J is linear
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void countsAFileThatWentAwayAsFailedAndSearchesTheOthers() throws IOException {
        LogSearch search = search(new SearchFixture(data).file("a.log", "hit\n", T0).file("b.log", "hit\n", T0.plusSeconds(1)));
        Files.delete(data.resolve("logs/b.log"));
        List<SearchMatch> matches = new ArrayList<>();

        SearchSummary summary = search.search(SearchQuery.builder("hit").build(), matches::add);

        assertThat(rgLines(matches)).containsExactly("a.log:1:hit");
        assertThat(summary.filesFailed()).isEqualTo(1);
    }

    @Test
    void decodesMalformedUtf8WithReplacementCharacters() throws IOException {
        byte[] content = "hit \u00ff end\n".getBytes(StandardCharsets.ISO_8859_1);
        LogSearch search = search(new SearchFixture(data).file("bin.log", content, T0));

        assertThat(run(search, SearchQuery.builder("hit").build())).extracting(SearchMatch::line).containsExactly("hit \ufffd end");
    }

    @Test
    void searchesALastLineWithoutANewlineAndAnEmptyFile() throws IOException {
        LogSearch search = search(new SearchFixture(data).file("a.log", "one\ntwo hit", T0).file("empty.log", "", T0));

        assertThat(rgLines(run(search, SearchQuery.builder("hit").build()))).containsExactly("a.log:2:two hit");
    }

    @Test
    void searchesALineLongerThanTheReadBuffer() throws IOException {
        String longLine = "x".repeat(3 * FileScanner.READ_SIZE) + "hit";
        LogSearch search = search(new SearchFixture(data).file("long.log", "first\n" + longLine + "\nlast hit\n", T0));

        List<SearchMatch> matches = run(search, SearchQuery.builder("hit").build());

        assertThat(matches).extracting(SearchMatch::lineNumber).containsExactly(2L, 3L);
        assertThat(matches.get(0).line()).hasSize(longLine.length());
    }
}
