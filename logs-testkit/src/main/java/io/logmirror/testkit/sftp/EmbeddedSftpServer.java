package io.logmirror.testkit.sftp;

import io.logmirror.fakecluster.FakeRemote;
import io.logmirror.testkit.internal.Folders;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.KeySetPublickeyAuthenticator;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An SFTP server for tests (Apache MINA SSHD), serving one folder of any {@link java.nio.file.FileSystem} (a temp
 * folder, or an in-memory one such as Jimfs) as its root {@code /}.
 *
 * <p>It listens on {@code 127.0.0.1} on a free port (port 0: <b>tests should always let the server pick its port</b>
 * and ask it with {@link #port()}; a fixed port makes parallel builds flaky). It has a fresh ed25519 host key and a
 * fresh ed25519 user key pair written to a temp folder, accepts public-key login with that key only (any user name),
 * and offers SFTP but no shell and no exec, like a locked-down account: clients exercise their SFTP-only paths.
 * {@link #knownHosts()} is a ready known_hosts file for it, so no client ever needs to accept unknown keys.
 *
 * <p>Use one server per test and close it (or use {@link EmbeddedSftpServerExtension}):
 *
 * <pre>{@code
 * try (EmbeddedSftpServer server = EmbeddedSftpServer.start(tempDir)) {
 *     Files.createDirectories(tempDir.resolve("logs"));
 *     SshSettings settings = SshSettings.builder(server.host(), server.user())
 *             .port(server.port())
 *             .identityFile(server.privateKey())
 *             .knownHosts(server.knownHosts())
 *             .remoteBasePath(server.remoteBasePath())
 *             .build();
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #disconnectAll()} cuts every open connection, to test what a client does when the network drops.
 */
public final class EmbeddedSftpServer implements Closeable {

    private final SshServer server;
    private final Path root;
    private final Path keyFolder;
    private final KeyPair hostKey;
    private final String user;
    private final String remoteBasePath;

    private EmbeddedSftpServer(SshServer server, Path root, Path keyFolder, KeyPair hostKey, String user,
                               String remoteBasePath) {
        this.remoteBasePath = remoteBasePath;
        this.server = server;
        this.root = root;
        this.keyFolder = keyFolder;
        this.hostKey = hostKey;
        this.user = user;
    }

    /**
     * Starts a server for {@code root} with the defaults: user {@code tester}, an unencrypted user key.
     *
     * @throws IOException when the server cannot start
     */
    public static EmbeddedSftpServer start(Path root) throws IOException {
        return builder(root).start();
    }

    /** Starts describing a server that serves {@code root} as {@code /}; the mirrored folder is {@code root/logs}. */
    public static Builder builder(Path root) {
        return new Builder(root, "/");
    }

    /**
     * Starts describing a server for a testkit {@link io.logmirror.fakecluster.FakeRemote}: it serves the fake's whole
     * in-memory file system, so that the fake's folder keeps its path (by default
     * {@value io.logmirror.fakecluster.FakeRemote#DEFAULT_FOLDER}) and symlinks that leave it stay visible as such.
     *
     * @throws IllegalArgumentException when the fake's folder is not named {@code logs} (an SSH source mirrors
     *                                  {@code <remote base path>/logs})
     */
    public static Builder builder(io.logmirror.fakecluster.FakeRemote remote) {
        Path folder = remote.root().toAbsolutePath();
        if (folder.getFileName() == null || !folder.getFileName().toString().equals("logs") || folder.getParent() == null) {
            throw new IllegalArgumentException("the fake's folder " + folder + " must be named 'logs' to be served to an"
                    + " SSH source, which mirrors <remote base path>/logs; create the fake with its default folder");
        }
        return new Builder(folder.getRoot(), folder.getParent().toString());
    }

    /** The address it listens on: always {@code 127.0.0.1}. */
    public String host() {
        return "127.0.0.1";
    }

    /** The port it listens on (picked by the system). */
    public int port() {
        return server.getPort();
    }

    /** The user name clients should log in as (the server accepts any name with the right key). */
    public String user() {
        return user;
    }

    /** The served folder; clients see it as {@code /}. */
    public Path root() {
        return root;
    }

    /**
     * The remote base path for a client that mirrors {@code <base>/logs}: {@code /} for {@link #builder(Path)}, so
     * that {@code root()/logs} is the mirrored folder; the fake's parent folder for {@link #builder(io.logmirror.fakecluster.FakeRemote)}.
     */
    public String remoteBasePath() {
        return remoteBasePath;
    }

    /** The user's private key (OpenSSH format; encrypted when a passphrase was set). */
    public Path privateKey() {
        return keyFolder.resolve("id_ed25519");
    }

    /** The user's public key, one {@code authorized_keys} line. */
    public Path publicKey() {
        return keyFolder.resolve("id_ed25519.pub");
    }

    /** A known_hosts file holding {@link #knownHostsLine()}. */
    public Path knownHosts() {
        return keyFolder.resolve("known_hosts");
    }

    /** The known_hosts line for this server: {@code [127.0.0.1]:PORT ssh-ed25519 AAAA...}. */
    public String knownHostsLine() {
        return "[" + host() + "]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** The host key's fingerprint as OpenSSH prints it: {@code SHA256:...}. */
    public String hostKeyFingerprint() {
        try {
            String blob = PublicKeyEntry.toString(hostKey.getPublic()).split(" ")[1];
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(blob));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Connections open now. */
    public int openConnections() {
        return server.getActiveSessions().size();
    }

    /** Cuts every open connection at once, as a dropped network would. */
    public void disconnectAll() {
        for (AbstractSession session : new ArrayList<>(server.getActiveSessions())) {
            session.close(true);
        }
    }

    /** Stops the server, cuts every connection and deletes the generated keys. */
    @Override
    public void close() throws IOException {
        try {
            server.stop(true);
        } finally {
            Folders.deleteTree(keyFolder);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedSftpServer[sftp://" + user + "@" + host() + ":" + port() + "/ -> " + root + "]";
    }

    /** Describes an {@link EmbeddedSftpServer}; not thread-safe. */
    public static final class Builder {
        private final Path root;
        private final String remoteBasePath;
        private String user = "tester";
        private Optional<String> passphrase = Optional.empty();

        private Builder(Path root, String remoteBasePath) {
            this.root = Objects.requireNonNull(root, "root");
            this.remoteBasePath = remoteBasePath;
        }

        /** The user name handed to clients by {@link EmbeddedSftpServer#user()} (default {@code tester}). */
        public Builder user(String user) {
            Objects.requireNonNull(user, "user");
            if (user.isBlank() || user.chars().anyMatch(c -> c <= ' ')) {
                throw new IllegalArgumentException("user '" + user + "' must be a non-blank name without spaces");
            }
            this.user = user;
            return this;
        }

        /** Encrypts the generated user private key with {@code passphrase} (default: not encrypted). */
        public Builder passphrase(String passphrase) {
            Objects.requireNonNull(passphrase, "passphrase");
            if (passphrase.isEmpty()) {
                throw new IllegalArgumentException("passphrase must not be empty (leave it unset for an unencrypted key)");
            }
            this.passphrase = Optional.of(passphrase);
            return this;
        }

        /**
         * Generates the keys, starts listening and returns the running server.
         *
         * @throws IOException when the served folder is missing or the server cannot start
         */
        public EmbeddedSftpServer start() throws IOException {
            if (!Files.isDirectory(root)) {
                throw new IOException("cannot serve " + root + ": it is not an existing folder; create it first");
            }
            Path keys = Files.createTempDirectory("embedded-sftp-keys");
            KeyPair hostKey;
            KeyPair userKey;
            try {
                hostKey = KeyUtils.generateKeyPair("ssh-ed25519", 256);
                userKey = KeyUtils.generateKeyPair("ssh-ed25519", 256);
                writeKeys(keys, userKey);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot generate ed25519 keys for the embedded SFTP server: " + e.getMessage()
                        + " (is Bouncy Castle on the class path?)", e);
            }
            SshServer server = SshServer.setUpDefaultServer();
            server.setHost("127.0.0.1");
            server.setPort(0);
            server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
            server.setPasswordAuthenticator(null);
            server.setKeyboardInteractiveAuthenticator(null);
            server.setHostBasedAuthenticator(null);
            server.setGSSAuthenticator(null);
            server.setPublickeyAuthenticator(new KeySetPublickeyAuthenticator("embedded-sftp", List.of(userKey.getPublic())));
            server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
            server.setFileSystemFactory(new VirtualFileSystemFactory(root));
            server.start();
            EmbeddedSftpServer started = new EmbeddedSftpServer(server, root, keys, hostKey, user, remoteBasePath);
            Files.writeString(started.knownHosts(), started.knownHostsLine() + "\n", StandardCharsets.UTF_8);
            return started;
        }

        private void writeKeys(Path folder, KeyPair userKey) throws IOException, GeneralSecurityException {
            OpenSSHKeyEncryptionContext encryption = null;
            if (passphrase.isPresent()) {
                encryption = new OpenSSHKeyEncryptionContext();
                encryption.setCipherName("AES");
                encryption.setCipherType("256");
                encryption.setCipherMode("CTR");
                encryption.setPassword(passphrase.get());
            }
            try (OutputStream out = Files.newOutputStream(folder.resolve("id_ed25519"))) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(userKey, user + "@embedded-sftp", encryption, out);
            }
            try (OutputStream out = Files.newOutputStream(folder.resolve("id_ed25519.pub"))) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(userKey.getPublic(), user + "@embedded-sftp", out);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }
}
