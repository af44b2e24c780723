package io.logmirror.categorizer.bench;

import io.logmirror.categorizer.Rule;
import io.logmirror.categorizer.RuleCategorizer;
import io.logmirror.categorizer.TextMatcher;
import io.logmirror.core.Categorizer;
import io.logmirror.core.LogPath;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Measures how many paths per second {@link RuleCategorizer#defaults()} sorts, on one thread.
 * A main program, not a test: its numbers go to {@code docs/benchmarks.md}.
 *
 * <p>It builds 1,000,000 realistic log paths once (the cluster's naming: orchestrator, vLLM,
 * loadgen, Slurm outputs in job folders, results files, some upper-case and non-ASCII names), then
 * for each categorizer runs warm-up rounds and measured rounds over all of them and prints paths
 * per second, both by the wall clock and per second of CPU time of the benchmark thread (the latter
 * holds steadier on a shared machine, where other processes take turns on the cores). The second
 * categorizer has the same rules written so that the literal fast path
 * cannot take them ({@code (?:...)} around each pattern), to show what plain {@code java.util.regex}
 * costs.
 *
 * <p>Run from the repository root (see docs/benchmarks.md):
 * <pre>{@code
 * ./mvnw -o -q -pl logs-categorizer -am test-compile \
 *     org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=$PWD/logs-categorizer/target/bench.classpath
 * java -cp logs-categorizer/target/test-classes:logs-categorizer/target/classes:$(cat logs-categorizer/target/bench.classpath) \
 *     io.logmirror.categorizer.bench.CategorizeBenchmark [paths] [warmupRounds] [rounds] [distinctPaths]
 * }</pre>
 */
public final class CategorizeBenchmark {

    private CategorizeBenchmark() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        int distinct = args.length > 3 ? Integer.parseInt(args[3]) : count;

        LogPath[] paths = realisticPaths(count, distinct, new Random(42));
        System.out.printf(Locale.ROOT, "java %s on %s %s, %d processors; %,d paths (%,d distinct), %d warm-up rounds, "
                + "%d rounds%n", System.getProperty("java.version"), System.getProperty("os.name"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), count, Math.min(count, distinct),
                warmups, rounds);
        System.out.println("sample: " + Arrays.asList(paths).subList(0, 8));

        RuleCategorizer defaults = RuleCategorizer.defaults();
        System.out.println("categories: " + histogram(defaults, paths));
        run("defaults (literal fast path)", defaults, paths, warmups, rounds);
        run("same rules, java.util.regex only", regexOnly(defaults), paths, warmups, rounds);
    }

    private static void run(String label, Categorizer categorizer, LogPath[] paths, int warmups, int rounds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < warmups; i++) {
            sink += pass(categorizer, paths);
        }
        double[] wall = new double[rounds];
        double[] cpu = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            sink += pass(categorizer, paths);
            long elapsed = System.nanoTime() - start;
            long cpuElapsed = threads.getCurrentThreadCpuTime() - cpuStart;
            wall[i] = paths.length / (elapsed / 1e9);
            cpu[i] = paths.length / (cpuElapsed / 1e9);
        }
        System.out.printf(Locale.ROOT, "%-34s wall clock: %s%n", label, summary(wall));
        System.out.printf(Locale.ROOT, "%-34s per CPU second: %s [%d]%n", "", summary(cpu), sink & 0xf);
    }

    /** Median, best and worst of the rates, in millions per second, then every round. */
    private static String summary(double[] rates) {
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        StringBuilder each = new StringBuilder();
        for (double rate : rates) {
            each.append(String.format(Locale.ROOT, " %.2f", rate / 1e6));
        }
        return String.format(Locale.ROOT, "median %.2f M paths/s, best %.2f, worst %.2f (rounds:%s)",
                sorted[rates.length / 2] / 1e6, sorted[rates.length - 1] / 1e6, sorted[0] / 1e6, each);
    }

    private static long pass(Categorizer categorizer, LogPath[] paths) {
        long sink = 0;
        for (LogPath path : paths) {
            sink += categorizer.categorize(path).name().length();
        }
        return sink;
    }

    private static Map<String, Integer> histogram(Categorizer categorizer, LogPath[] paths) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        categorizer.categories().forEach(c -> counts.put(c.name(), 0));
        for (LogPath path : paths) {
            counts.merge(categorizer.categorize(path).name(), 1, Integer::sum);
        }
        return counts;
    }

    /** The same rules with every regex wrapped in (?:...), which the literal fast path does not take. */
    private static RuleCategorizer regexOnly(RuleCategorizer rules) {
        RuleCategorizer.Builder builder = RuleCategorizer.builder().categories(rules.categories());
        for (Rule rule : rules.rules()) {
            List<String> wrapped = rule.name().orElseThrow().patterns().stream().map(p -> "(?:" + p + ")").toList();
            builder.rule(Rule.byName(rule.category(), new TextMatcher(TextMatcher.Syntax.REGEX, wrapped)));
        }
        return builder.build();
    }

    /** Names as the cluster writes them, in job folders or flat. */
    static LogPath[] realisticPaths(int count, int distinct, Random random) {
        List<LogPath> paths = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (i >= distinct) {
                paths.add(paths.get(i % distinct));
                continue;
            }
            int job = 3_000_000 + random.nextInt(900_000);
            String name = switch (random.nextInt(20)) {
                case 0, 1, 2 -> "orchestrator_job-" + job + (random.nextBoolean() ? ".out" : ".err");
                case 3, 4 -> "vllm-replicas_" + job + (random.nextBoolean() ? ".out" : ".err");
                case 5 -> "vllm_" + random.nextInt(16) + ".log";
                case 6, 7 -> "loadgen-" + job + ".out";
                case 8, 9 -> "slurm-" + job + ".out";
                case 10 -> "server.log";
                case 11 -> "results_" + job + ".json";
                case 12 -> "benchmark_" + job + "_summary.json";
                case 13 -> "node-gpu" + String.format(Locale.ROOT, "%03d", random.nextInt(400)) + "-metrics.csv";
                case 14 -> "prometheus-" + random.nextInt(4) + ".log";
                case 15 -> "sbatch_" + job + ".sh";
                case 16 -> "logs-service.log";
                case 17 -> "Client-Run_" + job + ".LOG";
                case 18 -> "r\u00e9sum\u00e9-" + job + ".txt";
                default -> "config-" + job + ".yaml";
            };
            String folder = switch (random.nextInt(4)) {
                case 0 -> "";
                case 1, 2 -> "job-" + job + "/";
                default -> "runs/2026-11-" + (10 + random.nextInt(18)) + "/job-" + job + "/";
            };
            paths.add(LogPath.of(folder + name));
        }
        return paths.toArray(LogPath[]::new);
    }
}
