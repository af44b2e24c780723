package io.logmirror.core.internal.store;

import java.util.Arrays;

/**
 * Ordered sets of int ids as treaps whose child links live in two shared {@code int[]} arrays (a file is in at most
 * one set of a given {@code IdTreap}), with a hash of the id as priority: an order costs 8 bytes per file. Insert and
 * remove are O(log n) expected; a walk from a seek point costs O(log n) plus one step per id it returns.
 * Not thread-safe.
 */
final class IdTreap {

    static final int NIL = -1;

    /** The order of a set: whether {@code a} comes before {@code b}. */
    interface Order {
        boolean before(int a, int b);
    }

    /** A seek point: whether {@code id} lies before it. Must hold for a prefix of the order. */
    interface Probe {
        boolean isBefore(int id);
    }

    private final Order order;
    private int[] left;
    private int[] right;

    IdTreap(int capacity, Order order) {
        this.order = order;
        this.left = new int[capacity];
        this.right = new int[capacity];
    }

    void grow(int capacity) {
        left = Arrays.copyOf(left, capacity);
        right = Arrays.copyOf(right, capacity);
    }

    /** Inserts {@code id} (not in any set of this treap) into the set rooted at {@code root}; returns the new root. */
    int insert(int root, int id) {
        left[id] = NIL;
        right[id] = NIL;
        return insertAt(root, id);
    }

    private int insertAt(int node, int id) {
        if (node == NIL) {
            return id;
        }
        if (order.before(id, node)) {
            left[node] = insertAt(left[node], id);
            if (higher(left[node], node)) {
                int child = left[node];
                left[node] = right[child];
                right[child] = node;
                return child;
            }
        } else {
            right[node] = insertAt(right[node], id);
            if (higher(right[node], node)) {
                int child = right[node];
                right[node] = left[child];
                left[child] = node;
                return child;
            }
        }
        return node;
    }

    /** Removes {@code id} from the set rooted at {@code root}; returns the new root. */
    int remove(int root, int id) {
        if (root == NIL) {
            throw new IllegalStateException("index corrupt: entry " + id + " not in its set");
        }
        if (root == id) {
            return merge(left[root], right[root]);
        }
        if (order.before(id, root)) {
            left[root] = remove(left[root], id);
        } else {
            right[root] = remove(right[root], id);
        }
        return root;
    }

    private int merge(int a, int b) {
        if (a == NIL) {
            return b;
        }
        if (b == NIL) {
            return a;
        }
        if (higher(a, b)) {
            right[a] = merge(right[a], b);
            return a;
        }
        left[b] = merge(a, left[b]);
        return b;
    }

    private static int priority(int id) {
        int h = id * 0x9E3779B9;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }

    private static boolean higher(int a, int b) {
        int pa = priority(a);
        int pb = priority(b);
        return pa != pb ? Integer.compareUnsigned(pa, pb) > 0 : a > b;
    }

    /** Walks the set rooted at {@code root} in order from its first id. */
    Walk walk(int root) {
        return new Walk(root);
    }

    /** Walks the set rooted at {@code root} in order from the first id not before {@code probe}. */
    Walk seek(int root, Probe probe) {
        Walk walk = new Walk(NIL);
        int node = root;
        while (node != NIL) {
            if (probe.isBefore(node)) {
                node = right[node];
            } else {
                walk.push(node);
                node = left[node];
            }
        }
        return walk;
    }

    /** An in-order walk with an explicit stack. */
    final class Walk {
        private int[] stack = new int[64];
        private int depth;
        private int node;

        private Walk(int root) {
            node = root;
        }

        private void push(int id) {
            if (depth == stack.length) {
                stack = Arrays.copyOf(stack, depth * 2);
            }
            stack[depth++] = id;
        }

        /** The next id, or {@link #NIL} at the end. */
        int next() {
            while (node != NIL) {
                push(node);
                node = left[node];
            }
            if (depth == 0) {
                return NIL;
            }
            int result = stack[--depth];
            node = right[result];
            return result;
        }
    }
}
