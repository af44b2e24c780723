package io.logmirror.sync.ssh;

import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogPath;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.RemoteSource;
import io.logmirror.core.SkippedEntry;
import io.logmirror.core.SyncReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The mirror rules end to end: {@link LogMirror} over an {@link SshRemoteSource} and Debian's OpenSSH server. */
class SshMirrorEndToEndTest {

    private static final int WINDOW = LogMirrorConfig.DEFAULT_GROWTH_CHECK_WINDOW;
    @RegisterExtension
    static final OpenSshServerExtension sshd = new OpenSshServerExtension();

    @TempDir
    Path base;
    @TempDir
    Path data;
    Path remote;

    @BeforeEach
    void createRemoteFolder() throws IOException {
        remote = Files.createDirectories(base.resolve("logs"));
    }

    @Test
    void followsTheMirrorRulesForNewUnchangedGrownRewrittenTruncatedAndDeletedFiles() throws Exception {
        byte[] first = random(300_000, 1);
        Files.write(remote.resolve("job-1.out"), first);
        Files.writeString(remote.resolve("rewritten.log"), "version one\n".repeat(100));
        Files.writeString(remote.resolve("truncated.log"), "long line\n".repeat(1000));
        Files.writeString(remote.resolve("deleted.log"), "bye\n");

        try (LogMirror mirror = open(source())) {
            SyncReport initial = mirror.syncNow();
            assertThat(initial.filesAdded()).isEqualTo(4);
            assertThat(initial.failures()).isEmpty();
            assertThat(local("job-1.out")).hasBinaryContent(first);

            SyncReport unchanged = mirror.syncNow();
            assertThat(unchanged.bytesFetched()).isZero();
            assertThat(unchanged.changedAnything()).isFalse();

            byte[] more = random(50_000, 2);
            Files.write(remote.resolve("job-1.out"), more, StandardOpenOption.APPEND);
            Files.writeString(remote.resolve("rewritten.log"), "version two\n".repeat(100));
            Files.writeString(remote.resolve("truncated.log"), "short\n");
            Files.delete(remote.resolve("deleted.log"));
            SyncReport changed = mirror.syncNow();

            assertThat(changed.filesGrown()).isEqualTo(1);
            assertThat(changed.filesReplaced()).isEqualTo(2);
            assertThat(changed.filesGone()).isEqualTo(1);
            assertThat(changed.failures()).isEmpty();
            assertThat(changed.bytesFetched()).isEqualTo(WINDOW + more.length + 1200 + 6);
            assertThat(Files.readAllBytes(local("job-1.out"))).isEqualTo(concat(first, more));
            assertThat(local("rewritten.log")).hasContent("version two\n".repeat(100));
            assertThat(local("truncated.log")).hasContent("short\n");
            assertThat(mirror.store().generations(LogPath.of("truncated.log"))).hasSize(1);
            assertThat(mirror.store().find(LogPath.of("deleted.log"))).hasValueSatisfying(e ->
                    assertThat(e.goneRemotely()).isTrue());
        }
    }

    @Test
    void aRestartedMirrorReadsNothingThatDidNotChange() throws Exception {
        Files.write(remote.resolve("a.log"), random(100_000, 3));
        try (LogMirror mirror = open(source())) {
            mirror.syncNow();
        }
        try (LogMirror mirror = open(source())) {
            SyncReport afterRestart = mirror.syncNow();

            assertThat(afterRestart.bytesFetched()).isZero();
            assertThat(afterRestart.changedAnything()).isFalse();
        }
    }

    @Test
    void aConnectionCutDuringATransferIsReportedAndTheNextSyncCompletesTheFile() throws Exception {
        byte[] content = random(24 << 20, 4);
        Files.write(remote.resolve("large.log"), content);
        Files.writeString(remote.resolve("small.log"), "small\n");
        AtomicBoolean cut = new AtomicBoolean(true);
        RemoteSource cutting = new CuttingSource(source(), cut);

        try (LogMirror mirror = open(cutting)) {
            SyncReport broken = mirror.syncNow();

            // small.log may fail too if it was being read on the connection at that moment
            assertThat(broken.failures()).extracting(SkippedEntry::name).contains("large.log");
            assertThat(broken.failures()).allSatisfy(failure -> assertThat(failure.reason())
                    .contains("127.0.0.1:" + sshd.server().port()).contains(failure.name()));
            Path partial = local("large.log");
            if (Files.exists(partial)) {
                assertThat(Files.size(partial)).isLessThanOrEqualTo(content.length);
                assertThat(Files.readAllBytes(partial)).isEqualTo(java.util.Arrays.copyOf(content, (int) Files.size(partial)));
            }

            cut.set(false);
            SyncReport repaired = mirror.syncNow();

            assertThat(repaired.failures()).isEmpty();
            assertThat(Files.readAllBytes(local("large.log"))).isEqualTo(content);
            assertThat(local("small.log")).hasContent("small\n");
        }
    }

    @Test
    void aFileThatCannotBeReadIsReportedAndTheRestSyncs() throws Exception {
        Files.writeString(remote.resolve("ok.log"), "ok\n");
        Files.writeString(remote.resolve("vanishing.log"), "here at listing time\n");
        RemoteSource vanishing = new ForwardingSource(source()) {
            @Override
            public RemoteListing list() throws IOException {
                RemoteListing listing = super.list();
                Files.delete(remote.resolve("vanishing.log")); // gone between listing and reading
                return listing;
            }
        };

        boolean root = OpenSshServer.isRoot();
        if (!root) {
            // root reads any file; as another user a file without permissions is unreadable too
            java.nio.file.Files.setPosixFilePermissions(Files.writeString(remote.resolve("locked.log"), "locked\n"),
                    java.util.Set.of());
        }
        try (LogMirror mirror = open(vanishing)) {
            SyncReport report = mirror.syncNow();

            assertThat(report.failures()).extracting(SkippedEntry::name).containsExactlyInAnyOrderElementsOf(
                    root ? java.util.List.of("vanishing.log") : java.util.List.of("vanishing.log", "locked.log"));
            assertThat(report.failures()).allSatisfy(failure ->
                    assertThat(failure.reason()).contains(failure.name()).contains("127.0.0.1:" + sshd.server().port()));
            assertThat(local("ok.log")).hasContent("ok\n");
        }
    }

    @Test
    void hostileNamesAreSkippedAndReportedAndTheRestIsMirrored() throws Exception {
        Files.writeString(remote.resolve("-dash 'quote' \\ back.log"), "fine\n");
        OpenSshServer.run(remote, "bash", "-c", "printf 'x' > \"$(printf 'new\\nline')\"; printf 'y' > \"$(printf 'raw\\377')\";"
                + " ln -s /etc/passwd escape.log; mkfifo fifo.log");

        try (LogMirror mirror = open(source())) {
            SyncReport report = mirror.syncNow();

            assertThat(local("-dash 'quote' \\ back.log")).hasContent("fine\n");
            assertThat(local("raw%FF")).hasContent("y");
            assertThat(report.skipped()).extracting(SkippedEntry::name)
                    .contains("new\\u000aline", "escape.log", "fifo.log");
            assertThat(Files.exists(data.resolve("logs/escape.log"))).isFalse();
        }
    }

    private SshRemoteSource source() throws IOException {
        return SshRemoteSource.create(sshd.server().settings(base).build());
    }

    private LogMirror open(RemoteSource source) throws IOException {
        return LogMirror.open(LogMirrorConfig.builder(data, source).build());
    }

    private Path local(String relative) {
        return LogPath.of(relative).resolveAgainst(data.resolve("logs"));
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Cuts every SSH connection once a read of large.log has passed 2 MB, while {@code cut} is set. */
    private static final class CuttingSource extends ForwardingSource {
        private final AtomicBoolean cut;

        CuttingSource(RemoteSource delegate, AtomicBoolean cut) {
            super(delegate);
            this.cut = cut;
        }

        @Override
        public InputStream open(RemoteFile file, long offset, long length) throws IOException {
            InputStream in = super.open(file, offset, length);
            if (!cut.get() || !file.path().toString().equals("large.log")) {
                return in;
            }
            return new FilterInputStream(in) {
                long read;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    read += Math.max(0, n);
                    if (read > (2 << 20) && cut.get()) {
                        sshd.server().cutConnections();
                        cut.set(false);
                    }
                    return n;
                }
            };
        }
    }

    private static class ForwardingSource implements RemoteSource {
        private final RemoteSource delegate;

        ForwardingSource(RemoteSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public RemoteListing list() throws IOException {
            return delegate.list();
        }

        @Override
        public InputStream open(RemoteFile file, long offset, long length) throws IOException {
            return delegate.open(file, offset, length);
        }

        @Override
        public int preferredParallelism() {
            return delegate.preferredParallelism();
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }

}
