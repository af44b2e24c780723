package io.logmirror.testkit;

import io.logmirror.fakecluster.FakeRemote;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.SkippedEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small disk itself: its size, the free space it leaves and gives back, its remounts, its clean-up, its skip. */
class SmallDiskTest {

    private static final int KIB = 1024;

    private SmallDisk disk;

    @AfterEach
    void unmount() throws IOException {
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void mountsATmpfsOfTheGivenSizeAndRemovesItOnClose() throws IOException {
        disk = SmallDisk.mountOrSkip(256 * KIB);
        Path root = disk.root();

        assertThat(Files.getFileStore(root).type()).isEqualTo("tmpfs");
        assertThat(Files.getFileStore(root).getTotalSpace()).isEqualTo(256 * KIB);

        disk.close();
        assertThat(root).doesNotExist();
        disk.close();
    }

    @Test
    void leavesTheAskedSpaceFreeSoThatABiggerWriteFailsUntilTheFillerIsRemoved() throws IOException {
        disk = SmallDisk.mountOrSkip(512 * KIB);
        Path data = Files.createDirectories(disk.root().resolve("data"));

        disk.leaveFree(64 * KIB);

        assertThat(disk.free()).isBetween(64L * KIB, 64L * KIB + SmallDisk.PAGE);
        assertThatThrownBy(() -> Files.write(data.resolve("big.bin"), new byte[128 * KIB]))
                .isInstanceOf(IOException.class).hasMessageContaining("No space left on device");

        disk.removeFiller();

        Files.write(data.resolve("big.bin"), new byte[128 * KIB]);
        assertThat(data.resolve("big.bin")).hasSize(128 * KIB);
    }

    @Test
    void aSecondLeaveFreeReplacesTheFirstAndCanGiveSpaceBack() throws IOException {
        disk = SmallDisk.mountOrSkip(512 * KIB);

        disk.leaveFree(0);
        assertThat(disk.free()).isLessThan(SmallDisk.PAGE);
        disk.leaveFree(100 * KIB);

        assertThat(disk.free()).isBetween(100L * KIB, 100L * KIB + SmallDisk.PAGE);
    }

    @Test
    void refusesToLeaveMoreFreeThanTheDiskHas() throws IOException {
        disk = SmallDisk.mountOrSkip(64 * KIB);

        assertThatThrownBy(() -> disk.leaveFree(128 * KIB)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(disk.root().toString()).hasMessageContaining("mount a bigger disk");
    }

    @Test
    void resizingKeepsTheContentAndChangesTheSpace() throws IOException {
        disk = SmallDisk.mountOrSkip(128 * KIB);
        Files.writeString(disk.root().resolve("kept.log"), "kept\n");

        disk.resize(512 * KIB);

        assertThat(Files.getFileStore(disk.root()).getTotalSpace()).isEqualTo(512 * KIB);
        assertThat(disk.root().resolve("kept.log")).hasContent("kept\n");
    }

    @Test
    void aReadOnlyDiskRefusesWritesUntilItIsWritableAgain() throws IOException {
        disk = SmallDisk.mountOrSkip(128 * KIB);

        disk.readOnly(true);
        assertThatThrownBy(() -> Files.writeString(disk.root().resolve("a.log"), "a\n")).isInstanceOf(IOException.class);

        disk.readOnly(false);
        Files.writeString(disk.root().resolve("a.log"), "a\n");
        assertThat(disk.root().resolve("a.log")).hasContent("a\n");
    }

    @Test
    void usingUpTheInodesStopsNewFilesAndFreeingSomeLetsThemIn() throws IOException {
        disk = SmallDisk.mountOrSkip(256 * KIB, 50);

        assertThat(disk.useUpInodes()).isPositive();
        assertThatThrownBy(() -> Files.createFile(disk.root().resolve("new.log"))).isInstanceOf(IOException.class);

        disk.freeInodes(5);
        Files.createFile(disk.root().resolve("new.log"));
        assertThat(disk.root().resolve("new.log")).exists();
    }

    /** The example of the class's Javadoc and of docs/testkit.md, as written there. */
    @Test
    void aFileThatDoesNotFitFailsAloneAndIsFetchedOnceSpaceIsFreed() throws Exception {
        FakeRemote remote = FakeRemote.create();
        try (SmallDisk disk = SmallDisk.mountOrSkip(1 << 20);   // a 1 MiB tmpfs; closed (unmounted) last
             LogMirror mirror = LogMirror.open(LogMirrorConfig.builder(disk.root().resolve("data"), remote).build())) {
            disk.leaveFree(64 * 1024);
            remote.write("big.log", new byte[512 * 1024]);
            assertThat(mirror.syncNow().failures()).extracting(SkippedEntry::name).containsExactly("big.log");

            disk.removeFiller();
            assertThat(mirror.syncNow().failures()).isEmpty();
        } finally {
            remote.destroy();
        }
    }

    @Test
    void refusesASizeThatIsNotAWholeNumberOfPagesSayingWhatToUse() {
        assertThatThrownBy(() -> SmallDisk.mountOrSkip(5000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5000").hasMessageContaining("multiple of 4096").hasMessageContaining("try 8192");
        assertThatThrownBy(() -> SmallDisk.mountOrSkip(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmallDisk.mountOrSkip(SmallDisk.PAGE, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void aDiskThatCannotBeMountedSkipsTheTestButFailsItUnderCi() {
        assertThat(SmallDisk.unavailable("no mount here", false)).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no mount here").hasMessageContaining("set CI=true");
        assertThat(SmallDisk.unavailable("no mount here", true)).isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no mount here").hasMessageContaining("CI=true, so this is a failure");
    }
}
