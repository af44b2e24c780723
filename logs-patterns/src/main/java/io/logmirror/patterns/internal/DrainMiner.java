package io.logmirror.patterns.internal;

import io.logmirror.patterns.MinerConfig;
import io.logmirror.patterns.Pattern;
import io.logmirror.patterns.PatternMiner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Drain over masked tokens, with a least-recently-used cap on patterns. */
public final class DrainMiner implements PatternMiner {

    /** One pattern: its tokens change as it generalizes; its id does not. */
    public static final class Cluster {
        final String id;
        final String[] tokens;
        final String[] path;
        long count;
        private String template;
        Cluster older;
        Cluster newer;

        Cluster(String id, String[] tokens, String[] path, long count) {
            this.id = id;
            this.tokens = tokens;
            this.path = path;
            this.count = count;
        }

        /** The stable id. */
        public String id() {
            return id;
        }

        /** The tokens joined by spaces (cached until the next generalization). */
        public String template() {
            String t = template;
            if (t == null) {
                t = String.join(" ", tokens);
                template = t;
            }
            return t;
        }

        Pattern toPattern() {
            return new Pattern(id, template(), count);
        }
    }

    private static final class Node {
        final Map<String, Node> children = new HashMap<>(4);
        List<Cluster> clusters;
    }

    /** How much a wildcard position of a template weighs in the similarity, against 1 for a word. */
    static final double WILDCARD_WEIGHT = 0.5;

    private final MinerConfig config;
    private final Masker masker;
    private final Map<Integer, Node> byLength = new HashMap<>();
    private final Map<String, Cluster> byId = new HashMap<>(256);
    /** The recency list: {@code eldest} is the least recently used pattern, {@code newest} the last one used. */
    private Cluster eldest;
    private Cluster newest;
    private long evictions;

    public DrainMiner(MinerConfig config) {
        this.config = config;
        this.masker = new Masker(config.maxTokens(), config.maxLineChars());
    }

    public static DrainMiner load(Path file, MinerConfig config) throws IOException {
        DrainMiner miner = new DrainMiner(config);
        for (MinerFile.Entry entry : MinerFile.read(file)) {
            miner.restore(entry.id(), entry.tokens(), entry.path(), entry.count());
        }
        return miner;
    }

    @Override
    public synchronized Pattern learn(String line) {
        return learnCluster(line).toPattern();
    }


    /** A learned line's pattern id and template, read under the miner's lock. */
    public record Learned(String id, String template) {
    }

    /** Learns a line: the form the analysis uses per line (no count, no copy of the tokens). */
    public synchronized Learned learnLine(String line) {
        Cluster cluster = learnCluster(line);
        return new Learned(cluster.id, cluster.template());
    }

    private Cluster learnCluster(String line) {
        String[] tokens = masker.tokens(line);
        Node leaf = leaf(tokens, false);
        Cluster best = leaf == null ? null : best(leaf.clusters, tokens);
        if (best != null) {
            generalize(best, tokens);
            best.count++;
            touch(best);
            return best;
        }
        return add(tokens, 1, null);
    }

    @Override
    public synchronized Optional<Pattern> match(String line) {
        String[] tokens = masker.tokens(line);
        Node leaf = leaf(tokens, false);
        Cluster best = leaf == null ? null : best(leaf.clusters, tokens);
        return Optional.ofNullable(best).map(Cluster::toPattern);
    }

    @Override
    public synchronized Optional<Pattern> pattern(String id) {
        Cluster cluster = byId.get(id);
        return Optional.ofNullable(cluster).map(Cluster::toPattern);
    }

    /** The template of a kept pattern. */
    public synchronized Optional<String> template(String id) {
        Cluster cluster = byId.get(id);
        return cluster == null ? Optional.empty() : Optional.of(cluster.template());
    }

    @Override
    public synchronized List<Pattern> patterns() {
        List<Pattern> out = new ArrayList<>(byId.size());
        for (Cluster c = newest; c != null; c = c.older) {
            out.add(c.toPattern());
        }
        return out;
    }

    @Override
    public synchronized int size() {
        return byId.size();
    }

    @Override
    public synchronized long evictions() {
        return evictions;
    }

    @Override
    public MinerConfig config() {
        return config;
    }

    @Override
    public void save(Path file) throws IOException {
        List<MinerFile.Entry> entries;
        synchronized (this) {
            entries = new ArrayList<>(byId.size());
            for (Cluster c = eldest; c != null; c = c.newer) {
                entries.add(new MinerFile.Entry(c.id, c.count, c.path, c.tokens.clone()));
            }
        }
        MinerFile.write(file, entries);
    }

    private void restore(String id, String[] tokens, String[] path, long count) {
        if (byId.containsKey(id) || tokens.length == 0 || path.length != Math.min(config.depth() - 2, tokens.length)) {
            return; // saved by another depth, or twice: learn it again rather than guess
        }
        add(tokens, count, id, path);
    }

    private Cluster add(String[] tokens, long count, String id) {
        return add(tokens, count, id, null);
    }

    private Cluster add(String[] tokens, long count, String id, String[] savedPath) {
        String[] path = savedPath != null ? savedPath : pathFor(tokens);
        Node node = byLength.computeIfAbsent(tokens.length, k -> new Node());
        for (String key : path) {
            node = node.children.computeIfAbsent(key, k -> new Node());
        }
        if (node.clusters == null) {
            node.clusters = new ArrayList<>(2);
        }
        String newId = id != null ? id : newId(tokens);
        Cluster cluster = new Cluster(newId, tokens, path, count);
        node.clusters.add(cluster);
        byId.put(newId, cluster);
        link(cluster);
        if (byId.size() > config.maxPatterns()) {
            evictEldest();
        }
        return cluster;
    }

    /** The keys a new line's cluster is stored under, creating wildcard keys past the child limit. */
    private String[] pathFor(String[] tokens) {
        int levels = Math.min(config.depth() - 2, tokens.length);
        String[] path = new String[levels];
        Node node = byLength.get(tokens.length);
        for (int i = 0; i < levels; i++) {
            String token = tokens[i];
            String key;
            if (token.contains(Masker.WILDCARD)) {
                key = Masker.WILDCARD;
            } else if (node == null || node.children.containsKey(token)) {
                key = token;
            } else {
                int size = node.children.size();
                boolean hasWildcard = node.children.containsKey(Masker.WILDCARD);
                key = size + (hasWildcard ? 0 : 1) < config.maxChildren() ? token : Masker.WILDCARD;
            }
            path[i] = key;
            node = node == null ? null : node.children.get(key);
        }
        return path;
    }

    private Node leaf(String[] tokens, boolean unused) {
        Node node = byLength.get(tokens.length);
        int levels = Math.min(config.depth() - 2, tokens.length);
        for (int i = 0; i < levels && node != null; i++) {
            String token = tokens[i];
            Node next = token.contains(Masker.WILDCARD) ? null : node.children.get(token);
            node = next != null ? next : node.children.get(Masker.WILDCARD);
        }
        return node == null || node.clusters == null ? null : node;
    }

    private Cluster best(List<Cluster> clusters, String[] tokens) {
        Cluster best = null;
        double bestSim = -1;
        int bestParams = -1;
        for (int k = 0, n = clusters.size(); k < n; k++) {
            Cluster c = clusters.get(k);
            String[] t = c.tokens;
            double same = 0;
            double total = 0;
            int params = 0;
            for (int i = 0; i < t.length; i++) {
                String a = t[i];
                // A wildcard position weighs half a word: lines that share only a header of timestamps and a level
                // must not look alike, while a line equal to the template after masking is always similarity 1.
                boolean wildcard = a.equals(Masker.WILDCARD);
                double weight = wildcard ? WILDCARD_WEIGHT : 1;
                total += weight;
                if (a.equals(tokens[i])) {
                    same += weight;
                } else if (wildcard) {
                    params++; // a wildcard over a word: allowed, but no evidence of similarity
                }
            }
            double sim = t.length == 0 ? 1.0 : same / total;
            if (sim > bestSim || (sim == bestSim && params > bestParams)) {
                best = c;
                bestSim = sim;
                bestParams = params;
            }
        }
        return best != null && bestSim >= config.similarity() ? best : null;
    }

    private static void generalize(Cluster cluster, String[] tokens) {
        String[] t = cluster.tokens;
        boolean changed = false;
        for (int i = 0; i < t.length; i++) {
            if (!t[i].equals(tokens[i]) && !t[i].equals(Masker.WILDCARD)) {
                t[i] = Masker.WILDCARD;
                changed = true;
            }
        }
        if (changed) {
            cluster.template = null;
        }
    }

    private void evictEldest() {
        Cluster eldest = this.eldest;
        unlink(eldest);
        byId.remove(eldest.id);
        evictions++;
        Node length = byLength.get(eldest.tokens.length);
        List<Node> trail = new ArrayList<>();
        Node node = length;
        for (String key : eldest.path) {
            trail.add(node);
            node = node.children.get(key);
        }
        node.clusters.remove(eldest);
        if (!node.clusters.isEmpty()) {
            return;
        }
        node.clusters = null;
        for (int i = eldest.path.length - 1; i >= 0; i--) {
            Node parent = trail.get(i);
            Node child = parent.children.get(eldest.path[i]);
            if (child.clusters == null && child.children.isEmpty()) {
                parent.children.remove(eldest.path[i]);
            } else {
                return;
            }
        }
        if (length.children.isEmpty() && length.clusters == null) {
            byLength.remove(eldest.tokens.length);
        }
    }

    private void touch(Cluster c) {
        if (c != newest) {
            unlink(c);
            link(c);
        }
    }

    private void link(Cluster c) {
        c.older = newest;
        c.newer = null;
        if (newest != null) {
            newest.newer = c;
        }
        newest = c;
        if (eldest == null) {
            eldest = c;
        }
    }

    private void unlink(Cluster c) {
        if (c.older != null) {
            c.older.newer = c.newer;
        } else {
            eldest = c.newer;
        }
        if (c.newer != null) {
            c.newer.older = c.older;
        } else {
            newest = c.older;
        }
        c.older = null;
        c.newer = null;
    }

    private String newId(String[] tokens) {
        long h = 0xcbf29ce484222325L;
        for (String token : tokens) {
            for (int i = 0; i < token.length(); i++) {
                h = (h ^ token.charAt(i)) * 0x100000001b3L;
            }
            h = (h ^ ' ') * 0x100000001b3L;
        }
        while (true) {
            long mixed = h ^ (h >>> 29);
            mixed *= 0xbf58476d1ce4e5b9L;
            mixed ^= mixed >>> 32;
            String id = String.format("%012x", mixed & 0xffffffffffffL);
            if (!byId.containsKey(id)) {
                return id;
            }
            h += 0x9e3779b97f4a7c15L;
        }
    }
}
