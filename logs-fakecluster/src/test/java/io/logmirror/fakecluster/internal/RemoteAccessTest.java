package io.logmirror.fakecluster.internal;

import io.logmirror.core.RemoteFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoteAccessTest {

    private final FakeTree tree = new FakeTree("fake://t", Clock.systemUTC(), "/home/user/logs");
    private final RemoteAccess access = new RemoteAccess("fake://t", tree);

    @AfterEach
    void destroy() {
        tree.destroy();
    }

    @Test
    void countsOpensAndTheBytesDeliveredPerFileFromTheOffsetAsked() throws IOException {
        tree.write("a.log", "0123456789".getBytes());
        RemoteFile file = access.list().files().get(0);

        try (InputStream in = access.open(file, 4, 3)) {
            assertThat(new String(in.readAllBytes())).isEqualTo("456");
        }

        assertThat(access.openCount("a.log")).isEqualTo(1);
        assertThat(access.bytesRead("a.log")).isEqualTo(3);
        assertThat(access.bytesRead()).isEqualTo(3);
        assertThat(access.listCount()).isEqualTo(1);
        access.resetCounters();
        assertThat(access.openCount()).isZero();
    }

    @Test
    void failsTheListingsItWasToldToAndThenListsAgain() throws IOException {
        access.failListing(1);

        assertThatThrownBy(access::list).isInstanceOf(IOException.class).hasMessageContaining("0 more to come");
        assertThat(access.list().files()).isEmpty();
        assertThat(access.listCount()).isEqualTo(2);
    }

    @Test
    void refusesAnUnreadableFileButStillCountsTheOpen() throws IOException {
        tree.write("a.log", new byte[] {1});
        RemoteFile file = access.list().files().get(0);
        access.faults().unreadable("a.log");

        assertThatThrownBy(() -> access.open(file, 0, 1)).isInstanceOf(AccessDeniedException.class);
        assertThat(access.openCount("a.log")).isEqualTo(1);
        access.clearFaults();
        access.open(file, 0, 1).close();
    }
}
