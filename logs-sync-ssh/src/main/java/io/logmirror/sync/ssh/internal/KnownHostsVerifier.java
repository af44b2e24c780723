package io.logmirror.sync.ssh.internal;

import io.logmirror.sync.ssh.HostKeyPolicy;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Checks host keys against an OpenSSH known_hosts file (plain and hashed {@code |1|} entries, as sshj parses them)
 * under a {@link HostKeyPolicy}. One instance per connection attempt; after a refusal, {@link #refusal()} says why in
 * words a user can act on.
 */
public final class KnownHostsVerifier extends OpenSSHKnownHosts {

    private final Path file;
    private final HostKeyPolicy policy;
    private volatile String refusal;

    private KnownHostsVerifier(Path file, HostKeyPolicy policy) throws IOException {
        super(file.toFile());
        this.file = file;
        this.policy = policy;
    }

    /**
     * A verifier reading {@code file}; a missing file counts as empty.
     *
     * @throws IOException when the file exists but cannot be read
     */
    public static KnownHostsVerifier of(Path file, HostKeyPolicy policy) throws IOException {
        return new KnownHostsVerifier(file, policy);
    }

    /** Why the last key was refused, if it was. */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String hostPart, PublicKey key) {
        if (policy == HostKeyPolicy.ACCEPT_NEW) {
            try {
                record(hostPart, key);
                return true;
            } catch (IOException e) {
                refusal = "the host key of " + hostPart + " (" + describe(key) + ") is new, but it could not be recorded in "
                        + file + ": " + e.getMessage() + "; make that file writable or add the key yourself";
                return false;
            }
        }
        refusal = "the host key of " + hostPart + " (" + describe(key) + ") is not in " + file
                + " and SSH_STRICT_HOST_KEY_CHECKING is 'yes'; if this is the right fingerprint (ask the cluster's admins or"
                + " compare with `ssh-keyscan -p PORT HOST | ssh-keygen -lf -`), add the key to that file"
                + " (for example `ssh-keyscan -p PORT HOST >> " + file + "`) or set SSH_STRICT_HOST_KEY_CHECKING=accept-new"
                + " to record it on first connect";
        return false;
    }

    @Override
    protected boolean hostKeyChangedAction(String hostPart, PublicKey key) {
        String where = lineOf(hostPart, key).map(line -> " line " + line).orElse("");
        refusal = "the host key of " + hostPart + " (" + describe(key) + ") does not match " + file + where
                + ": the host was re-keyed or someone is intercepting the connection; if the cluster's admins confirm a"
                + " new key, remove that line (`ssh-keygen -R '" + hostPart + "' -f " + file + "`) and connect again";
        return false;
    }

    private void record(String hostPart, PublicKey key) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!Files.exists(file)) {
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep its default permissions
            }
        }
        String line = hostPart + " " + KeyType.fromKey(key) + " "
                + Base64.getEncoder().encodeToString(blob(key)) + System.lineSeparator();
        byte[] existing = Files.readAllBytes(file);
        String prefix = existing.length > 0 && existing[existing.length - 1] != '\n' ? System.lineSeparator() : "";
        Files.writeString(file, prefix + line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** The 1-based line of known_hosts that names {@code hostPart} with another key of the same type, if found. */
    private Optional<Integer> lineOf(String hostPart, PublicKey key) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            KeyType type = KeyType.fromKey(key);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                OpenSSHKnownHosts single = new OpenSSHKnownHosts(new StringReader(line));
                for (KnownHostEntry entry : single.entries()) {
                    if (entry.appliesTo(type, hostPart) && !entry.verify(key)) {
                        return Optional.of(i + 1);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** "ssh-ed25519 key SHA256:..." as OpenSSH prints it. */
    public static String describe(PublicKey key) {
        return KeyType.fromKey(key) + " key " + fingerprint(key);
    }

    /** The key's SHA256 fingerprint as OpenSSH prints it: {@code SHA256:} and unpadded base64. */
    public static String fingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob(key));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }
}
