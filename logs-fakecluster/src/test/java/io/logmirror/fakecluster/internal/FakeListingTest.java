package io.logmirror.fakecluster.internal;

import io.logmirror.core.RemoteListing;
import io.logmirror.core.SkippedEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FakeListingTest {

    private final FakeTree tree = new FakeTree("fake://t", Clock.systemUTC(), "/home/user/logs");

    @AfterEach
    void destroy() {
        tree.destroy();
    }

    @Test
    void followsALinkInsideTheFolderAndSkipsOneThatLeavesItOrIsBroken() throws IOException {
        tree.write("real.log", new byte[] {1, 2, 3});
        tree.symlink("inside.log", "real.log");
        Files.writeString(tree.root().getParent().resolve("secret.txt"), "s");
        tree.symlink("outside.log", "../secret.txt");
        tree.symlink("broken.log", "nothing-here.log");

        RemoteListing listing = new FakeListing(tree.root()).list(Map.of(), List.of());

        assertThat(listing.files()).extracting(f -> f.path().toString()).containsExactly("inside.log", "real.log");
        assertThat(listing.files().get(0).size()).isEqualTo(3);
        assertThat(listing.skipped()).extracting(SkippedEntry::reason).anySatisfy(reason ->
                assertThat(reason).contains("pointing outside the mirrored folder")).anySatisfy(reason ->
                assertThat(reason).contains("a broken symlink"));
    }

    @Test
    void listsAnInjectedValidNameAsAFileAndSkipsAnUnsafeOneWithTheReason() throws IOException {
        RemoteListing listing = new FakeListing(tree.root()).list(Map.of("fifo", "fifo"), List.of(
                new FakeTree.InjectedEntry("ok.log", 5, java.time.Instant.EPOCH),
                new FakeTree.InjectedEntry("../../etc/passwd", 1, java.time.Instant.EPOCH)));

        assertThat(listing.files()).extracting(f -> f.path().toString()).containsExactly("ok.log");
        assertThat(listing.skipped()).extracting(SkippedEntry::reason).anySatisfy(reason ->
                assertThat(reason).contains("not a safe relative path")).anySatisfy(reason ->
                assertThat(reason).startsWith("a fifo, not a regular file"));
    }
}
