package io.logmirror.fakecluster.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeTreeTest {

    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    private final FakeTree tree = new FakeTree("fake://t", Clock.fixed(T0, ZoneOffset.UTC), "/home/user/logs");

    @AfterEach
    void destroy() {
        tree.destroy();
    }

    @Test
    void stampsEveryChangeLaterThanTheOneBeforeEvenWhenTheClockStandsStill() {
        tree.write("a.log", new byte[] {'a'});
        tree.append("a.log", new byte[] {'b'});
        tree.write("b.log", new byte[] {'c'});

        assertThat(tree.attributes("t", "a.log").lastModifiedTime().toInstant()).isEqualTo(T0.plusMillis(1));
        assertThat(tree.attributes("t", "b.log").lastModifiedTime().toInstant()).isEqualTo(T0.plusMillis(2));
    }

    @Test
    void refusesAScriptedPathThatLeavesTheFolder() {
        assertThatThrownBy(() -> tree.write("../x.log", new byte[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("write: path '../x.log'").hasMessageContaining("injectListingEntry");
        assertThatThrownBy(() -> tree.checked("failNextRead", "/etc/passwd")).hasMessageContaining("is absolute");
    }

    @Test
    void answersAReadOfWhatIsNotAReadableFileAsARemoteWould() throws IOException {
        tree.specialFile("pipe", "fifo");
        tree.mkdirs("folder");

        assertThatThrownBy(() -> tree.readable("gone.log")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> tree.readable("pipe")).hasMessageContaining("is a special file");
        assertThatThrownBy(() -> tree.readable("folder")).hasMessageContaining("is not a regular file");
        tree.write("ok.log", new byte[] {1});
        assertThat(tree.readable("ok.log")).isEqualTo(tree.root().resolve("ok.log"));
    }

    @Test
    void listsTheSpecialFilesAndInjectedEntriesBesideTheTree() throws IOException {
        tree.write("a.log", new byte[] {1});
        tree.specialFile("sock", "socket");
        tree.injectListingEntry("../escape", 3);

        assertThat(tree.list().files()).extracting(f -> f.path().toString()).containsExactly("a.log");
        assertThat(tree.list().skipped()).hasSize(2);
        assertThat(tree.paths()).containsExactly("a.log");
        assertThat(tree.totalBytes()).isEqualTo(1);
    }
}
