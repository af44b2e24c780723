package io.logmirror.sync.ssh.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A client of a running ssh-agent over its Unix socket ({@code SSH_AUTH_SOCK}): lists the keys it holds and has it
 * sign with one, so that the private key never enters this process. The protocol is OpenSSH's (draft-miller-ssh-agent):
 * every message is a 4-byte length, a type byte and its fields.
 */
final class SshAgent implements Closeable {

    private static final byte REQUEST_IDENTITIES = 11;
    private static final byte IDENTITIES_ANSWER = 12;
    private static final byte SIGN_REQUEST = 13;
    private static final byte SIGN_RESPONSE = 14;
    private static final byte FAILURE = 5;
    /** Sign-request flags asking for an RSA signature over SHA-256 or SHA-512 instead of SHA-1. */
    static final int RSA_SHA2_256 = 2;
    static final int RSA_SHA2_512 = 4;
    /** A sane bound for one answer (an agent holding a hundred RSA keys sends about 60 KB). */
    private static final int MAX_MESSAGE = 256 * 1024;

    /** A key the agent holds: its public key blob (as SSH sends it) and the agent's comment for it. */
    record Identity(byte[] blob, String comment) {
        /** The key type written at the start of the blob, such as {@code ssh-ed25519}. */
        String type() {
            ByteBuffer in = ByteBuffer.wrap(blob);
            return new String(string(in), StandardCharsets.US_ASCII);
        }
    }

    private final Path socket;
    private final SocketChannel channel;
    private final Selector selector;
    private final Duration timeout;

    private SshAgent(Path socket, SocketChannel channel, Selector selector, Duration timeout) {
        this.socket = socket;
        this.channel = channel;
        this.selector = selector;
        this.timeout = timeout;
    }

    /**
     * Connects to the agent listening on {@code socket}.
     *
     * @param timeout how long one answer may take (an agent forwarded over a dead connection never answers)
     */
    static SshAgent connect(Path socket, Duration timeout) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            Selector selector = Selector.open();
            channel.register(selector, 0);
            return new SshAgent(socket, channel, selector, timeout);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw new IOException("cannot reach the ssh-agent at " + socket + " (" + e.getMessage() + ")", e);
        }
    }

    /** The keys the agent holds, in its order. */
    synchronized List<Identity> identities() throws IOException {
        ByteBuffer answer = call(new byte[] {REQUEST_IDENTITIES}, IDENTITIES_ANSWER, "list its keys");
        int count = answer.getInt();
        if (count < 0 || count > 10_000) {
            throw new IOException("the ssh-agent at " + socket + " announced " + count + " keys; not an ssh-agent?");
        }
        List<Identity> identities = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            identities.add(new Identity(string(answer), new String(string(answer), StandardCharsets.UTF_8)));
        }
        return identities;
    }

    /**
     * Has the agent sign {@code data} with the key of {@code blob}.
     *
     * @return the signature as SSH sends it (algorithm name and signature bytes)
     */
    synchronized byte[] sign(byte[] blob, byte[] data, int flags) throws IOException {
        ByteBuffer request = ByteBuffer.allocate(1 + 4 + blob.length + 4 + data.length + 4);
        request.put(SIGN_REQUEST).putInt(blob.length).put(blob).putInt(data.length).put(data).putInt(flags);
        return string(call(request.array(), SIGN_RESPONSE, "sign the login with a key it holds"));
    }

    private ByteBuffer call(byte[] message, byte expected, String what) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteBuffer out = ByteBuffer.allocate(4 + message.length);
        out.putInt(message.length).put(message).flip();
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                await(SelectionKey.OP_WRITE, deadline, what);
            }
        }
        int length = readFully(ByteBuffer.allocate(4), deadline, what).getInt();
        if (length < 1 || length > MAX_MESSAGE) {
            throw new IOException("the ssh-agent at " + socket + " sent a message of " + length + " bytes; not an ssh-agent?");
        }
        ByteBuffer answer = readFully(ByteBuffer.allocate(length), deadline, what);
        byte type = answer.get();
        if (type != expected) {
            throw new IOException("the ssh-agent at " + socket + " refused to " + what
                    + (type == FAILURE ? "" : " (answer type " + type + ")"));
        }
        return answer;
    }

    private ByteBuffer readFully(ByteBuffer buffer, long deadline, String what) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer);
            if (n < 0) {
                throw new IOException("the ssh-agent at " + socket + " closed the connection");
            }
            if (n == 0) {
                await(SelectionKey.OP_READ, deadline, what);
            }
        }
        return buffer.flip();
    }

    private void await(int operation, long deadline, String what) throws IOException {
        long left = deadline - System.nanoTime();
        channel.keyFor(selector).interestOps(operation);
        if (left <= 0 || selector.select(Math.max(1, left / 1_000_000)) == 0 && System.nanoTime() >= deadline) {
            throw new IOException("the ssh-agent at " + socket + " did not answer within " + timeout.toSeconds()
                    + " s when asked to " + what);
        }
        selector.selectedKeys().clear();
    }

    /** Reads an SSH string (4-byte length, then the bytes). */
    private static byte[] string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new java.nio.BufferUnderflowException();
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "the ssh-agent at " + socket;
    }
}
