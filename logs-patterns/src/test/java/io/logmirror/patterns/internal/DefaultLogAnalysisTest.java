package io.logmirror.patterns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import io.logmirror.patterns.AnalysisConfig;
import io.logmirror.patterns.ErrorGroup;
import io.logmirror.patterns.ErrorQuery;
import io.logmirror.patterns.Fixtures;
import io.logmirror.patterns.Job;
import io.logmirror.patterns.JobState;
import io.logmirror.patterns.Level;
import io.logmirror.patterns.LogAnalysis;
import io.logmirror.patterns.LogLine;
import io.logmirror.patterns.PatternCount;
import io.logmirror.patterns.PatternQuery;
import io.logmirror.patterns.PlantedLogs;
import io.logmirror.patterns.PlantedLogs.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DefaultLogAnalysisTest {

    private static final Instant T = Fixtures.T0;

    @TempDir
    Path data;

    private LogAnalysis open() throws IOException {
        return LogAnalysis.open(AnalysisConfig.builder().dataFolder(data)
                .clock(Clock.fixed(T.plusSeconds(86_400), ZoneOffset.UTC))
                .categoryOf(path -> path.fileName().startsWith("vllm") ? Category.VLLM : Category.SLURM)
                .build());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void findsEveryPlantedErrorInTheRightGroupWithTheRightJobState(Kind kind) throws IOException {
        for (int seed = 0; seed < 5; seed++) {
            int at = 20 + seed * 37;
            PlantedLogs.PlantedFile file = PlantedLogs.generate(seed, 300, at, kind);
            LogPath path = LogPath.of("slurm-" + (4000 + seed) + ".out");
            try (LogAnalysis analysis = open()) {
                analysis.acceptAll(LogLine.of(path, file.lines(), T));
                analysis.endOfInput(path);
                List<ErrorGroup> groups = analysis.errors(ErrorQuery.all().path(path));
                assertThat(groups).as("seed %d", seed).singleElement().satisfies(g -> {
                    assertThat(g.kind()).isEqualTo(kind.eventKind);
                    assertThat(g.count()).isEqualTo(1);
                    assertThat(g.samples().get(0).lineNumber()).isEqualTo(file.planted().get(0).lineNumber());
                });
                Job job = analysis.job(String.valueOf(4000 + seed)).orElseThrow().job();
                assertThat(job.state()).isEqualTo(kind.state != null ? kind.state
                        : groups.get(0).level().isError() ? JobState.FAILED : JobState.COMPLETED);
                assertThat(job.firstError().orElseThrow().location().lineNumber()).isEqualTo(file.planted().get(0).lineNumber());
            }
        }
    }

    @Test
    void keepsPatternIdsAcrossARestartThroughTheDataFolder() throws IOException {
        String id;
        try (LogAnalysis analysis = open()) {
            analysis.acceptAll(Fixtures.lines("slurm-4711.out"));
            id = analysis.errors(ErrorQuery.all().minLevel(Level.ERROR)).get(0).patternId();
        }
        assertThat(data.resolve(AnalysisConfig.PATTERNS_FILE)).exists();
        try (LogAnalysis again = open()) {
            assertThat(again.miner().pattern(id)).isPresent();
            again.acceptAll(Fixtures.lines("slurm-4711.out"));
            assertThat(again.errors(ErrorQuery.all().minLevel(Level.ERROR))).extracting(ErrorGroup::patternId).contains(id);
        }
    }

    @Test
    void movesADamagedPatternFileAsideAndStartsAfresh() throws IOException {
        Files.writeString(data.resolve(AnalysisConfig.PATTERNS_FILE), "garbage\n", StandardCharsets.UTF_8);
        try (LogAnalysis analysis = open()) {
            assertThat(analysis.miner().size()).isZero();
        }
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("patterns.tsv.damaged-")).contains("patterns.tsv");
        }
    }

    @Test
    void ignoresLinesItHasAlreadySeenAndStartsOverAfterARewrite() throws IOException {
        LogPath path = LogPath.of("slurm-4715.out");
        try (LogAnalysis analysis = open()) {
            analysis.acceptAll(Fixtures.lines("slurm-4715.out"));
            analysis.acceptAll(Fixtures.lines("slurm-4715.out"));
            assertThat(analysis.file(path).orElseThrow().lines()).isEqualTo(3);
            assertThat(analysis.errors(ErrorQuery.all().path(path)).get(0).count()).isEqualTo(1);
            analysis.fileRewritten(path);
            assertThat(analysis.file(path)).isEmpty();
            assertThat(analysis.errors(ErrorQuery.all().path(path))).isEmpty();
            analysis.acceptAll(LogLine.of(path, List.of("all good now"), T));
            assertThat(analysis.job("4715").orElseThrow().job().state()).isEqualTo(JobState.COMPLETED);
        }
    }

    @Test
    void listsAFilesPatternsNewestFirstWithTheirLineNumbers() throws IOException {
        LogPath path = LogPath.of("vllm_0.log");
        try (LogAnalysis analysis = open()) {
            List<LogLine> lines = Fixtures.lines("vllm_0.log");
            for (int i = 0; i < lines.size(); i++) {
                LogLine l = lines.get(i);
                analysis.accept(new LogLine(l.path(), l.offset(), l.lineNumber(), l.text(), T.plusSeconds(i)));
            }
            List<PatternCount> patterns = analysis.patterns(PatternQuery.ofFile(path).withLineNumbers(true));
            assertThat(patterns.get(0).lineNumbers()).containsExactly(37L);
            assertThat(patterns).extracting(PatternCount::count).containsOnly(patterns.stream().map(p -> (long) p.lineNumbers()
                    .size()).toArray(Long[]::new));
            assertThat(patterns.stream().mapToLong(PatternCount::count).sum()).isEqualTo(37);
            PatternCount workers = patterns.stream().filter(p -> p.template().contains("Loading weights took")).findFirst()
                    .orElseThrow();
            assertThat(workers.lineNumbers()).containsExactly(11L, 12L);
            assertThat(analysis.patterns(PatternQuery.ofCategory(Category.VLLM))).hasSameSizeAs(patterns)
                    .allSatisfy(p -> assertThat(p.lineNumbers()).isEmpty());
            assertThat(analysis.patterns(PatternQuery.ofCategory(Category.SLURM))).isEmpty();
        }
    }

    @Test
    void keepsGoingWhenTheEventListenerFails() throws IOException {
        try (LogAnalysis analysis = LogAnalysis.open(AnalysisConfig.builder().listener(e -> {
            throw new IllegalStateException("listener bug");
        }).build())) {
            analysis.acceptAll(Fixtures.lines("slurm-4715.out"));
            assertThat(analysis.errors(ErrorQuery.all())).hasSize(1);
        }
    }

    @Test
    void listsJobsMostRecentlyActiveFirst() throws IOException {
        try (LogAnalysis analysis = open()) {
            analysis.acceptAll(LogLine.of(LogPath.of("slurm-1.out"), List.of("a"), T));
            analysis.acceptAll(LogLine.of(LogPath.of("slurm-2.out"), List.of("b"), T.plusSeconds(5)));
            analysis.acceptAll(LogLine.of(LogPath.of("job-2/vllm_0.log"), List.of("c"), T.plusSeconds(1)));
            assertThat(analysis.jobs()).extracting(Job::id).containsExactly("2", "1");
            assertThat(analysis.job("2").orElseThrow().job().files()).hasSize(2);
            assertThat(analysis.job("3")).isEmpty();
        }
    }
}
