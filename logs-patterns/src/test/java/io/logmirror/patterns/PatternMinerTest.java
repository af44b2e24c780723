package io.logmirror.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatternMinerTest {

    @TempDir
    Path dir;

    @Test
    void groupsAnyIterableOfLines() {
        PatternMiner miner = PatternMiner.create(MinerConfig.defaults());
        List<String> lines = List.of("step 1 loss=2.31", "step 2 loss=2.10", "saving checkpoint to /ckpt/step-2", "step 3 loss=1.98");
        List<String> ids = lines.stream().map(l -> miner.learn(l).id()).toList();
        assertThat(ids.get(0)).isEqualTo(ids.get(1)).isEqualTo(ids.get(3)).isNotEqualTo(ids.get(2));
        assertThat(miner.patterns()).extracting(Pattern::template).containsExactly("step <*> loss=<*>", "saving checkpoint to <*>");
    }

    @Test
    void keepsPatternsTheirIdsAndCountsAcrossARestart() throws IOException {
        Path file = dir.resolve("patterns.tsv");
        PatternMiner miner = PatternMiner.create(MinerConfig.defaults());
        Pattern p = miner.learn("worker 3 finished in 12ms");
        miner.learn("worker 4 finished in 10ms");
        miner.learn("NCCL WARN NET/IB : Got completion from peer");
        miner.save(file);
        assertThat(Files.list(dir)).containsExactly(file);

        PatternMiner again = PatternMiner.load(file, MinerConfig.defaults());
        assertThat(again.patterns()).isEqualTo(miner.patterns());
        Pattern next = again.learn("worker 9 finished in 1s");
        assertThat(next.id()).isEqualTo(p.id());
        assertThat(next.count()).isEqualTo(3);
    }

    @Test
    void startsEmptyWhenNothingWasSaved() throws IOException {
        assertThat(PatternMiner.load(dir.resolve("none.tsv"), MinerConfig.defaults()).size()).isZero();
    }

    @Test
    void refusesADamagedFileNamingTheLine() throws IOException {
        Path file = dir.resolve("patterns.tsv");
        Files.writeString(file, "# logmirror patterns 1\nabcdefabcdef\t3\t\tok line\nnot a record\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PatternMiner.load(file, MinerConfig.defaults())).isInstanceOf(IOException.class)
                .hasMessageContaining("patterns.tsv:3: not a pattern record").hasMessageContaining("move it aside");
        Files.writeString(file, "something else\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PatternMiner.load(file, MinerConfig.defaults()))
                .hasMessageContaining("patterns.tsv:1: not a saved pattern file");
    }

    @Test
    void replacesTheSavedFileWholeAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("data").resolve("patterns.tsv");
        PatternMiner miner = PatternMiner.create(MinerConfig.defaults());
        miner.learn("first line here");
        miner.save(file);
        miner.learn("second kind of line");
        miner.save(file);
        assertThat(Files.list(file.getParent())).containsExactly(file);
        assertThat(PatternMiner.load(file, MinerConfig.defaults()).size()).isEqualTo(2);
    }
}
