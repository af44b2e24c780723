package io.logmirror.patterns.bench;

import io.logmirror.patterns.MinerConfig;
import io.logmirror.patterns.PatternMiner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures the miner's grouping accuracy on the labelled LogPAI loghub 2k sets under
 * {@code src/test/resources/loghub} ({@code <Name>_2k.tsv}: ground-truth event id TAB message content, one
 * line per log line, in the order of the original file), with the default {@link MinerConfig} and no
 * per-data-set preprocessing. A main program, not a test: its numbers go to {@code docs/benchmarks.md}.
 *
 * <pre>{@code
 * ./mvnw -o -q -pl logs-patterns -am test-compile \
 *     org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=$PWD/logs-patterns/target/bench.classpath
 * java -cp logs-patterns/target/test-classes:logs-patterns/target/classes:$(cat logs-patterns/target/bench.classpath) \
 *     io.logmirror.patterns.bench.GroupingAccuracyBenchmark [similarity]
 * }</pre>
 */
public final class GroupingAccuracyBenchmark {

    /** Drain's published grouping accuracy on the loghub 2k sets (logpai/logparser, Drain README; Zhu et al. 2019). */
    static final Map<String, Double> DRAIN_PUBLISHED = Map.of("HealthApp", 0.780, "HPC", 0.887, "Proxifier", 0.527,
            "Linux", 0.690, "OpenSSH", 0.788, "HDFS", 0.998, "Mac", 0.787, "OpenStack", 0.733);

    /** The sets looked for; those without a file under src/test/resources/loghub are skipped. */
    static final List<String> DATASETS = List.of("HealthApp", "HPC", "Proxifier", "Linux", "OpenSSH", "HDFS", "Mac", "OpenStack");

    private GroupingAccuracyBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        MinerConfig.Builder builder = MinerConfig.builder();
        if (args.length > 0) {
            builder.similarity(Double.parseDouble(args[0]));
        }
        MinerConfig config = builder.build();
        System.out.printf(Locale.ROOT, "miner: depth %d, similarity %.2f, maxChildren %d%n", config.depth(),
                config.similarity(), config.maxChildren());
        System.out.println("| data set | lines | true events | our patterns | our grouping accuracy | Drain (published) |");
        System.out.println("|---|---|---|---|---|---|");
        for (String name : DATASETS) {
            List<String[]> rows = load(name);
            if (rows == null) {
                continue;
            }
            Result r = run(rows, config);
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.4f | %.3f |%n", name, rows.size(), r.events, r.patterns,
                    r.accuracy, DRAIN_PUBLISHED.get(name));
            if (System.getProperty("misgrouped") != null) {
                printMisgrouped(rows, r.labels);
            }
        }
    }

    record Result(double accuracy, int events, int patterns, List<String> labels) {
    }

    static Result run(List<String[]> rows, MinerConfig config) {
        PatternMiner miner = PatternMiner.create(config);
        List<String> truth = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (String[] row : rows) {
            truth.add(row[0]);
            ids.add(miner.learn(row[1]).id());
        }
        return new Result(GroupingAccuracy.of(truth, ids), (int) truth.stream().distinct().count(), miner.size(), ids);
    }

    static List<String[]> load(String name) throws IOException {
        try (InputStream in = GroupingAccuracyBenchmark.class.getResourceAsStream("/loghub/" + name + "_2k.tsv")) {
            if (in == null) {
                return null;
            }
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) {
                    int tab = line.indexOf('\t');
                    rows.add(new String[] {line.substring(0, tab), line.substring(tab + 1)});
                }
            }
            return rows;
        }
    }

    private static void printMisgrouped(List<String[]> rows, List<String> labels) {
        Map<String, List<String>> byTruth = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byTruth.computeIfAbsent(rows.get(i)[0], k -> new ArrayList<>()).add(labels.get(i) + "  " + rows.get(i)[1]);
        }
        Map<String, List<String>> byGroup = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byGroup.computeIfAbsent(labels.get(i), k -> new ArrayList<>()).add(rows.get(i)[0] + "  " + rows.get(i)[1]);
        }
        byGroup.forEach((group, lines) -> {
            List<String> events = lines.stream().map(l -> l.substring(0, l.indexOf(' '))).distinct().toList();
            if (events.size() > 1) {
                System.out.println("  merged " + events + " e.g. " + lines.stream().collect(
                        java.util.stream.Collectors.toMap(l -> l.substring(0, l.indexOf(' ')), l -> l, (a, b) -> a)).values());
            }
        });
        byTruth.forEach((event, lines) -> {
            long distinct = lines.stream().map(l -> l.substring(0, 12)).distinct().count();
            if (distinct > 1) {
                System.out.println("  split " + event + ": " + distinct + " patterns, e.g. " + lines.subList(0, Math.min(3, lines.size())));
            }
        });
    }
}
