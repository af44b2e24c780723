package io.logmirror.core.internal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdTreapTest {

    private static List<Integer> walk(IdTreap.Walk walk) {
        List<Integer> ids = new ArrayList<>();
        for (int id = walk.next(); id != IdTreap.NIL; id = walk.next()) {
            ids.add(id);
        }
        return ids;
    }

    @Test
    void walksInOrderAndSeeksToTheFirstIdNotBeforeAPointAfterRandomInsertsAndRemoves() {
        int[] key = new int[2000];
        IdTreap treap = new IdTreap(2000, (a, b) -> key[a] != key[b] ? key[a] < key[b] : a < b);
        TreeSet<Integer> model = new TreeSet<>((a, b) -> key[a] != key[b] ? Integer.compare(key[a], key[b]) : Integer.compare(a, b));
        Random random = new Random(3);
        int root = IdTreap.NIL;
        for (int id = 0; id < 2000; id++) {
            key[id] = random.nextInt(500);
            root = treap.insert(root, id);
            model.add(id);
        }
        for (int i = 0; i < 700; i++) {
            int id = random.nextInt(2000);
            if (model.remove(id)) {
                root = treap.remove(root, id);
            }
        }

        assertThat(walk(treap.walk(root))).containsExactlyElementsOf(model);
        for (int point = -1; point <= 501; point += 7) {
            int p = point;
            List<Integer> expected = model.stream().filter(id -> key[id] >= p).toList();
            assertThat(walk(treap.seek(root, id -> key[id] < p))).as("seek to %d", p).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void anEmptySetWalksNothing() {
        IdTreap treap = new IdTreap(1, (a, b) -> a < b);

        assertThat(walk(treap.walk(IdTreap.NIL))).isEmpty();
        assertThat(walk(treap.seek(IdTreap.NIL, id -> true))).isEmpty();
    }
}
