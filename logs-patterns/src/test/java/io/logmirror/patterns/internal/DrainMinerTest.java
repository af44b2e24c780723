package io.logmirror.patterns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logmirror.patterns.MinerConfig;
import io.logmirror.patterns.Pattern;
import org.junit.jupiter.api.Test;

class DrainMinerTest {

    private final DrainMiner miner = new DrainMiner(MinerConfig.defaults());

    @Test
    void putsLinesThatDifferInMaskedValuesIntoOnePattern() {
        Pattern a = miner.learn("worker 3 finished batch 17 in 12ms");
        Pattern b = miner.learn("worker 12 finished batch 9 in 1.5s");
        assertThat(b.id()).isEqualTo(a.id());
        assertThat(b.template()).isEqualTo("worker <*> finished batch <*> in <*>");
        assertThat(b.count()).isEqualTo(2);
    }

    @Test
    void generalizesAWordThatVariesAndKeepsTheIdOfThePattern() {
        Pattern first = miner.learn("Accepted password for root from <ip> port 22");
        Pattern second = miner.learn("Accepted password for admin from <ip> port 22");
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.template()).isEqualTo("Accepted password for <*> from <ip> port <*>");
        assertThat(miner.pattern(first.id()).orElseThrow().template()).isEqualTo(second.template());
    }

    @Test
    void keepsLinesWithDifferentWordsOrLengthsApart() {
        Pattern open = miner.learn("connection opened to mel2101");
        Pattern closed = miner.learn("session closed by peer");
        Pattern longer = miner.learn("connection opened to mel2101 after 3 retries");
        assertThat(open.id()).isNotEqualTo(closed.id()).isNotEqualTo(longer.id());
        assertThat(miner.size()).isEqualTo(3);
    }

    @Test
    void doesNotLetAPatternOfWildcardsSwallowLinesOfWords() {
        miner.learn("onExtend:1514038530000 14 0 4");
        Pattern words = miner.learn("needAutoSync autoSyncSwitch is open");
        assertThat(words.template()).isEqualTo("needAutoSync autoSyncSwitch is open");
        assertThat(miner.size()).isEqualTo(2);
    }

    @Test
    void matchesWithoutLearning() {
        miner.learn("took 3 ms");
        assertThat(miner.match("took 5 ms")).map(Pattern::count).contains(1L);
        assertThat(miner.match("something else entirely")).isEmpty();
        assertThat(miner.size()).isEqualTo(1);
    }

    @Test
    void evictsTheLeastRecentlyUsedPatternPastTheCap() {
        DrainMiner small = new DrainMiner(MinerConfig.builder().maxPatterns(10).build());
        Pattern kept = small.learn("keep me alive");
        for (int i = 0; i < 20; i++) {
            small.learn("unique" + (char) ('a' + i) + " word" + (char) ('a' + i) + " here" + (char) ('a' + i));
            small.learn("keep me alive");
        }
        assertThat(small.size()).isEqualTo(10);
        assertThat(small.evictions()).isEqualTo(11);
        assertThat(small.pattern(kept.id())).isPresent();
        assertThat(small.match("uniquea worda herea")).isEmpty();
        assertThat(small.patterns().get(0).id()).isEqualTo(kept.id());
    }

    @Test
    void routesPastTheChildLimitThroughTheWildcardChild() {
        DrainMiner narrow = new DrainMiner(MinerConfig.builder().maxChildren(2).build());
        narrow.learn("alpha says hello");
        narrow.learn("beta says hello");
        narrow.learn("gamma says hello");
        assertThat(narrow.size()).isLessThanOrEqualTo(3);
        assertThat(narrow.match("delta says hello")).isPresent();
    }

    @Test
    void givesABlankLineAPatternOfItsOwn() {
        Pattern blank = miner.learn("");
        assertThat(miner.learn("   ").id()).isEqualTo(blank.id());
        assertThat(blank.template()).isEmpty();
    }
}
