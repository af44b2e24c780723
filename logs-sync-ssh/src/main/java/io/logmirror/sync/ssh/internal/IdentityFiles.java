package io.logmirror.sync.ssh.internal;

import io.logmirror.sync.ssh.SshSettings;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Loads the identity files of {@link SshSettings} (OpenSSH and PEM formats; ed25519, ecdsa, rsa) before authenticating. */
final class IdentityFiles {

    /** The files OpenSSH tries when none is named, in its order (DSA is left out: OpenSSH itself no longer accepts it). */
    static final List<String> DEFAULT_NAMES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private IdentityFiles() {
    }

    /**
     * Loads and decrypts every identity file, so that a wrong passphrase is reported as such and not as a refused login.
     *
     * @param agentHasKeys whether an ssh-agent offers keys: then having no identity file at all is fine
     * @throws IOException naming each file and what is wrong with it, when no key could be loaded
     */
    static List<KeyProvider> load(SSHClient client, SshSettings settings, String who, boolean agentHasKeys)
            throws IOException {
        boolean named = !settings.identityFiles().isEmpty();
        List<Path> files = named ? settings.identityFiles() : defaults();
        if (files.isEmpty()) {
            if (agentHasKeys) {
                return List.of();
            }
            throw new IOException(who + ": no identity file to log in with: none was named, none of ~/.ssh/"
                    + String.join(", ~/.ssh/", DEFAULT_NAMES) + " exists and no ssh-agent offers a key"
                    + " (SSH_AUTH_SOCK); set SSH_KEY_PATH to the private key");
        }
        List<KeyProvider> keys = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Optional<char[]> passphrase = settings.passphrase();
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                problems.add("identity file " + file + " does not exist or cannot be read");
                continue;
            }
            try {
                KeyProvider provider = client.loadKeys(file.toString(), finder(passphrase));
                provider.getPublic();
                provider.getPrivate();
                keys.add(provider);
            } catch (IOException | RuntimeException e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                problems.add("identity file " + file + " cannot be loaded (" + reason + "): "
                        + (passphrase.isPresent()
                        ? "check that SSH_KEY_PASSPHRASE / SSH_KEY_PASSPHRASE_FILE holds its passphrase and that it is an OpenSSH or PEM private key"
                        : "if it is encrypted, give its passphrase in SSH_KEY_PASSPHRASE or SSH_KEY_PASSPHRASE_FILE; it must be an OpenSSH or PEM private key"));
            }
        }
        if ((keys.isEmpty() && !(agentHasKeys && !named)) || (named && !problems.isEmpty())) {
            throw new IOException(who + ": " + String.join("; ", problems));
        }
        return keys;
    }

    private static List<Path> defaults() {
        Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
        List<Path> found = new ArrayList<>();
        for (String name : DEFAULT_NAMES) {
            Path file = ssh.resolve(name);
            if (Files.isRegularFile(file)) {
                found.add(file);
            }
        }
        return found;
    }

    private static PasswordFinder finder(Optional<char[]> passphrase) {
        return new PasswordFinder() {
            @Override
            public char[] reqPassword(Resource<?> resource) {
                return passphrase.map(char[]::clone).orElse(null);
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) {
                return false;
            }
        };
    }
}
