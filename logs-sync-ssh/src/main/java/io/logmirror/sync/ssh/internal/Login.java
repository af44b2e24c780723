package io.logmirror.sync.ssh.internal;

import io.logmirror.sync.ssh.SshSettings;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Public-key login with the identity files of {@link SshSettings} and the keys of the ssh-agent: named identity files
 * first, then the agent's keys; with no file named, the agent's keys, then the usual {@code ~/.ssh/id_*} (OpenSSH's
 * order). An agent that cannot be reached is logged and left out.
 */
final class Login {

    private static final Logger LOG = LoggerFactory.getLogger(Login.class);

    private Login() {
    }

    /** Logs in as the settings' user. */
    static void authenticate(SSHClient client, SshSettings settings, String who) throws IOException {
        SshAgent agent = null;
        try {
            List<AuthMethod> agentKeys = new ArrayList<>();
            if (settings.agentSocket().isPresent()) {
                try {
                    agent = SshAgent.connect(settings.agentSocket().get(), settings.connectTimeout());
                    for (SshAgent.Identity identity : agent.identities()) {
                        AgentKeyAuth method = new AgentKeyAuth(agent, identity);
                        if (method.supported()) {
                            agentKeys.add(method);
                        } else {
                            LOG.debug("{}: skipping the ssh-agent's {} key '{}' (type not supported)", who,
                                    identity.type(), identity.comment());
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn("{}: {}; logging in with identity files only", who, e.getMessage());
                }
            }
            List<AuthMethod> files = new ArrayList<>();
            for (KeyProvider key : IdentityFiles.load(client, settings, who, !agentKeys.isEmpty())) {
                files.add(new AuthPublickey(key));
            }
            List<AuthMethod> methods = new ArrayList<>();
            boolean named = !settings.identityFiles().isEmpty();
            methods.addAll(named ? files : agentKeys);
            methods.addAll(named ? agentKeys : files);
            try {
                client.auth(settings.user(), methods);
            } catch (UserAuthException e) {
                throw new IOException(who + ": the server refused public-key login as '" + settings.user() + "' with "
                        + describeKeys(settings, files.size(), agentKeys.size()) + " (" + SshConnection.reason(e)
                        + "); add the matching public key (.pub) to ~/.ssh/authorized_keys of that account on the host,"
                        + " or point SSH_KEY_PATH at the right key", e);
            }
        } finally {
            if (agent != null) {
                agent.close();
            }
        }
    }

    private static String describeKeys(SshSettings settings, int files, int agentKeys) {
        String described = settings.identityFiles().isEmpty()
                ? (files == 0 ? "" : "the default keys ~/.ssh/id_*")
                : "identity file(s) " + settings.identityFiles();
        if (agentKeys > 0) {
            described += (described.isEmpty() ? "" : " and ") + agentKeys + " key(s) of the ssh-agent at "
                    + settings.agentSocket().orElseThrow();
        }
        return described;
    }
}
