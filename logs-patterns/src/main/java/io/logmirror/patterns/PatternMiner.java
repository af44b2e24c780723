package io.logmirror.patterns;

import io.logmirror.patterns.internal.DrainMiner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Online log template mining of Drain's class (He et al., ICWS 2017): each line is masked
 * (numbers, hex, ids, paths, IPs, durations become {@code <*>}), routed through a fixed-depth parse
 * tree by its token count and first tokens, and joins the most similar pattern of its leaf when
 * enough of its tokens are equal ({@link MinerConfig#similarity()}); otherwise it starts a new one.
 * Joining a pattern turns the positions that differ into {@code <*>}.
 *
 * <p>Memory is bounded: at most {@link MinerConfig#maxPatterns()} patterns (default 20,000) are
 * kept, the least recently used evicted first; a pattern of 16 tokens was measured at about 1.2 KB of heap
 * (docs/benchmarks.md), so the default cap holds the miner to about 23 MiB.
 *
 * <p>Thread-safe: every method may be called from any thread; calls are serialized.
 *
 * <pre>{@code
 * PatternMiner miner = PatternMiner.create(MinerConfig.defaults());
 * for (String line : Files.readAllLines(log)) {
 *     Pattern p = miner.learn(line);          // e.g. "worker <*> finished in <*>"
 * }
 * miner.save(dataFolder.resolve("patterns.tsv"));   // temp file + atomic rename
 * PatternMiner again = PatternMiner.load(dataFolder.resolve("patterns.tsv"), MinerConfig.defaults());
 * }</pre>
 */
public interface PatternMiner {

    /** An empty miner. */
    static PatternMiner create(MinerConfig config) {
        return new DrainMiner(config);
    }

    /**
     * A miner with the patterns saved in {@code file}, or an empty one when the file does not exist.
     *
     * @throws IOException when the file cannot be read or is not a saved miner (the message names the line)
     */
    static PatternMiner load(Path file, MinerConfig config) throws IOException {
        return DrainMiner.load(file, config);
    }

    /** Learns a line and returns the pattern it now belongs to (new, or an existing one, maybe generalized). */
    Pattern learn(String line);

    /** The pattern a line would belong to, without learning anything; empty when it would start a new one. */
    Optional<Pattern> match(String line);

    /** The pattern with this id, if it is still kept. */
    Optional<Pattern> pattern(String id);

    /** Every kept pattern, most recently used first. */
    List<Pattern> patterns();

    /** The number of kept patterns. */
    int size();

    /** Patterns evicted since this miner was created. */
    long evictions();

    /** The settings. */
    MinerConfig config();

    /**
     * Saves every pattern to {@code file}: written to a temporary file beside it, forced to disk, then
     * renamed over {@code file} atomically, so a crash leaves the old or the new file, never half of one.
     */
    void save(Path file) throws IOException;
}
