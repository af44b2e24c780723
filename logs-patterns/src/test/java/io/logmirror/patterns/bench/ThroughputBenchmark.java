package io.logmirror.patterns.bench;

import io.logmirror.core.LogPath;
import io.logmirror.patterns.AnalysisConfig;
import io.logmirror.patterns.ErrorQuery;
import io.logmirror.patterns.ErrorRules;
import io.logmirror.patterns.LogAnalysis;
import io.logmirror.patterns.LogLine;
import io.logmirror.patterns.MinerConfig;
import io.logmirror.patterns.PatternMiner;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * Lines per second of error detection and pattern mining on one thread, side by side with what a user
 * would otherwise run: one {@code java.util.regex} alternation of the same error words per line, and
 * {@code grep -c -E} over the same lines in a file (a separate process, when grep is installed). A main
 * program, not a test: its numbers go to {@code docs/benchmarks.md}.
 *
 * <pre>{@code
 * java -cp logs-patterns/target/test-classes:logs-patterns/target/classes:$(cat logs-patterns/target/bench.classpath) \
 *     io.logmirror.patterns.bench.ThroughputBenchmark [lines] [warmupRounds] [rounds]
 * }</pre>
 */
public final class ThroughputBenchmark {

    private static final Pattern NAIVE = Pattern.compile("ERROR|WARN|level=(?:error|warning)|Traceback|CUDA out of memory|"
            + "OutOfMemoryError|NCCL WARN|DUE TO TIME LIMIT|Exited with exit code|oom_kill|Segmentation fault|Killed");

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<String> texts = SyntheticLogs.lines(count, 42);
        LogPath path = LogPath.of("vllm-replicas_4711.out");
        List<LogLine> lines = LogLine.of(path, texts, Instant.parse("2026-12-07T12:00:00Z"));
        System.out.printf(Locale.ROOT, "java %s, %d processors; %,d lines, %d warm-up rounds, %d rounds%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), count, warmups, rounds);
        System.out.println("| what | lines/s, wall clock (median) | lines/s per CPU-second of the benchmark thread (median) "
                + "| lines/s per CPU-second of the whole JVM, GC included (median) |");
        System.out.println("|---|---|---|---|");

        run("LogAnalysis.accept: detection + mining + grouping", lines, warmups, rounds, ls -> {
            try (LogAnalysis analysis = LogAnalysis.open(AnalysisConfig.defaults())) {
                ls.forEach(analysis::accept);
                return analysis.errors(ErrorQuery.all()).size() + analysis.miner().size();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        run("PatternMiner.learn alone", lines, warmups, rounds, ls -> {
            PatternMiner miner = PatternMiner.create(MinerConfig.defaults());
            ls.forEach(l -> miner.learn(l.text()));
            return miner.size();
        });
        ErrorRules rules = ErrorRules.defaults();
        run("detection alone (levels + signatures, no mining)", lines, warmups, rounds, ls -> {
            long n = 0;
            for (LogLine l : ls) {
                n += io.logmirror.patterns.internal.LevelScanner.detect(l.text()) == null ? 0 : 1;
                for (var rule : rules.signatures()) {
                    if (rule.matches(l.text())) {
                        n++;
                        break;
                    }
                }
            }
            return n;
        });
        run("one java.util.regex alternation per line (find)", lines, warmups, rounds,
                ls -> ls.stream().filter(l -> NAIVE.matcher(l.text()).find()).count());
        grep(texts);
        memory();
    }

    /** Heap held by a full miner: 20,000 distinct patterns of 16 tokens (random words, so none merge). */
    private static void memory() {
        java.util.Random r = new java.util.Random(7);
        String[] words = new String[5000];
        for (int i = 0; i < words.length; i++) {
            StringBuilder w = new StringBuilder();
            for (int j = 0; j < 4 + r.nextInt(8); j++) {
                w.append((char) ('a' + r.nextInt(26)));
            }
            words[i] = w.toString();
        }
        long before = usedHeap();
        PatternMiner miner = PatternMiner.create(MinerConfig.defaults());
        int n = MinerConfig.DEFAULT_MAX_PATTERNS;
        for (int i = 0; i < n; i++) {
            StringBuilder line = new StringBuilder();
            for (int t = 0; t < 16; t++) {
                line.append(t % 4 == 3 ? Integer.toString(r.nextInt(100000)) : words[r.nextInt(words.length)]).append(' ');
            }
            miner.learn(line.toString());
        }
        long after = usedHeap();
        System.out.printf(Locale.ROOT, "memory: %,d patterns of 16 tokens hold %,d KiB of heap, %,d bytes a pattern%n",
                miner.size(), (after - before) / 1024, (after - before) / Math.max(1, miner.size()));
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void run(String label, List<LogLine> lines, int warmups, int rounds, ToLongFunction<List<LogLine>> work) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < warmups; i++) {
            sink += work.applyAsLong(lines);
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] wall = new double[rounds];
        double[] cpu = new double[rounds];
        double[] process = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long proc0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            sink += work.applyAsLong(lines);
            wall[i] = lines.size() / ((System.nanoTime() - t0) / 1e9);
            cpu[i] = lines.size() / ((threads.getCurrentThreadCpuTime() - cpu0) / 1e9);
            process[i] = lines.size() / ((os.getProcessCpuTime() - proc0) / 1e9);
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        Arrays.sort(process);
        System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f |  (sink %d)%n", label, wall[rounds / 2], cpu[rounds / 2],
                process[rounds / 2], sink);
    }

    private static void grep(List<String> texts) throws Exception {
        Path file = Files.createTempFile("bench", ".log");
        try {
            Files.write(file, texts, StandardCharsets.UTF_8);
            double best = 0;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder("grep", "-c", "-E", NAIVE.pattern(), file.toString()).redirectErrorStream(true)
                        .start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() > 1) {
                    System.out.println("| grep -c -E (separate process) | grep failed |");
                    return;
                }
                best = Math.max(best, texts.size() / ((System.nanoTime() - t0) / 1e9));
            }
            System.out.printf(Locale.ROOT, "| grep -c -E, same alternation (separate process, best of 5) | %,.0f | n/a | n/a |%n", best);
        } catch (IOException e) {
            System.out.println("| grep -c -E | not available: " + e.getMessage() + " |");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
