package io.logmirror.sync.ssh.internal;

import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.transport.cipher.Cipher;
import net.schmizz.sshj.transport.compression.DelayedZlibCompression;
import net.schmizz.sshj.transport.compression.NoneCompression;
import net.schmizz.sshj.transport.compression.ZlibCompression;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;

/**
 * The sshj {@link Config}s of this JVM, each built once (building one probes every cipher, 50 to 70 ms): one plain,
 * one that also offers compression.
 *
 * <p>Measured on this project's hardware (see docs/ssh.md): sshj registers Bouncy Castle and then takes every cipher
 * from it, so AES runs in pure Java at half the speed of the JDK's hardware AES. We tell sshj not to register it
 * (before any other sshj class runs), put AES first (ChaCha20 always goes through Bouncy Castle), and add Bouncy
 * Castle only as the last provider, for key formats the JDK lacks: sshj asks for an "ECDSA" key factory, which
 * only Bouncy Castle provides (without it ecdsa identity files fail to load; IdentityFilesTest run alone shows it).
 */
public final class SshjConfig {

    private static final List<String> PREFERRED_CIPHERS = List.of("aes128-gcm@openssh.com", "aes128-ctr",
            "aes256-gcm@openssh.com", "aes256-ctr", "aes192-ctr");

    private SshjConfig() {
    }

    /** Built on first use, once (class initialization is lazy and thread-safe). */
    private static final class Plain {
        static final Config CONFIG = build(false);
    }

    /** Built on first use of compression only. */
    private static final class Compressing {
        static final Config CONFIG = build(true);
    }

    /** The shared config: JDK AES first, keep-alive with reply checks, no compression. */
    public static Config get() {
        return Plain.CONFIG;
    }

    /**
     * The shared config, or one that also offers zlib compression ({@code zlib@openssh.com}, then {@code zlib}; none
     * when the server has neither). {@code SSHClient.useCompression()} would change the shared config for every
     * connection, hence two.
     */
    public static Config get(boolean compression) {
        return compression ? Compressing.CONFIG : Plain.CONFIG;
    }

    private static Config build(boolean compression) {
        SecurityUtils.setRegisterBouncyCastle(false);
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider()); // appended: lowest priority
        }
        DefaultConfig built = new DefaultConfig();
        List<Factory.Named<Cipher>> ciphers = new ArrayList<>(built.getCipherFactories());
        List<Factory.Named<Cipher>> ordered = new ArrayList<>();
        List<String> preferred = System.getProperty("logmirror.ssh.ciphers") == null ? PREFERRED_CIPHERS
                : List.of(System.getProperty("logmirror.ssh.ciphers").split(","));
        for (String name : preferred) {
            ciphers.stream().filter(c -> c.getName().equals(name)).findFirst().ifPresent(ordered::add);
        }
        ciphers.removeAll(ordered);
        ordered.addAll(ciphers);
        built.setCipherFactories(ordered);
        built.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        if (compression) {
            built.setCompressionFactories(List.of(new DelayedZlibCompression.Factory(), new ZlibCompression.Factory(),
                    new NoneCompression.Factory()));
        }
        return built;
    }

    /** The cipher names in preference order, for diagnostics and tests. */
    public static List<String> cipherNames() {
        List<String> names = new ArrayList<>();
        for (Factory.Named<Cipher> factory : get().getCipherFactories()) {
            names.add(factory.getName());
        }
        return names;
    }

    /**
     * Sockets with {@code TCP_NODELAY} (without it every SFTP request/response waits for delayed ACKs, about 40 ms) and
     * {@code SO_KEEPALIVE}. sshj only calls {@link #createSocket()} and connects the socket itself; the connecting
     * overloads, abstract in {@link SocketFactory}, go through it too, so every socket gets the same options.
     */
    public static final class NoDelaySocketFactory extends SocketFactory {

        @Override
        public Socket createSocket() throws IOException {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port), null);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port), null);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
        }

        private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
            Socket socket = createSocket();
            try {
                if (local != null) {
                    socket.bind(local);
                }
                socket.connect(remote);
                return socket;
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }
    }
}
