package io.logmirror.sync.ssh.internal;

import com.hierynomus.sshj.key.KeyAlgorithm;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

import java.io.IOException;
import java.util.List;

/**
 * Public-key login (RFC 4252, section 7) with a key held by the ssh-agent: the server is offered the public key, and
 * once it accepts it the agent signs the session. RSA keys sign with SHA-2 ({@code rsa-sha2-512} or {@code -256},
 * whichever the transport chose), which OpenSSH requires since 8.8.
 */
final class AgentKeyAuth extends AbstractAuthMethod {

    private final SshAgent agent;
    private final SshAgent.Identity identity;
    private final KeyType keyType;

    AgentKeyAuth(SshAgent agent, SshAgent.Identity identity) {
        super("publickey");
        this.agent = agent;
        this.identity = identity;
        this.keyType = KeyType.fromString(identity.type());
    }

    /** Whether sshj knows the key's type (ed25519, ecdsa, rsa; not security keys or certificates). */
    boolean supported() {
        return keyType != KeyType.UNKNOWN && !identity.type().contains("-cert-");
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        return buildReq(false);
    }

    @Override
    public void handle(Message message, SSHPacket packet) throws UserAuthException, TransportException {
        if (message == Message.USERAUTH_60) { // SSH_MSG_USERAUTH_PK_OK: the server would accept this key
            SSHPacket request = buildReq(true);
            byte[] signed = new Buffer.PlainBuffer()
                    .putString(params.getTransport().getSessionID())
                    .putBuffer(request) // the request so far, from its message byte on
                    .getCompactData();
            try {
                request.putBytes(agent.sign(identity.blob(), signed, flags()));
            } catch (IOException e) {
                throw new UserAuthException(e.getMessage(), e);
            }
            params.getTransport().write(request);
        } else {
            super.handle(message, packet);
        }
    }

    private SSHPacket buildReq(boolean signed) throws UserAuthException {
        return super.buildReq().putBoolean(signed).putString(algorithm()).putBytes(identity.blob());
    }

    private String algorithm() throws UserAuthException {
        try {
            List<KeyAlgorithm> algorithms = params.getTransport().getClientKeyAlgorithms(keyType);
            if (!algorithms.isEmpty()) {
                return algorithms.get(0).getKeyAlgorithm();
            }
        } catch (TransportException e) {
            throw new UserAuthException("no signature algorithm for the agent's " + identity.type() + " key", e);
        }
        throw new UserAuthException("no signature algorithm for the agent's " + identity.type() + " key");
    }

    private int flags() throws UserAuthException {
        String algorithm = algorithm();
        if (algorithm.equals("rsa-sha2-512")) {
            return SshAgent.RSA_SHA2_512;
        }
        return algorithm.equals("rsa-sha2-256") ? SshAgent.RSA_SHA2_256 : 0;
    }

    @Override
    public String toString() {
        return "the ssh-agent's " + identity.type() + " key '" + identity.comment() + "'";
    }
}
