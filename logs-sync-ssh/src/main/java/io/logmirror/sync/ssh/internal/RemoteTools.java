package io.logmirror.sync.ssh.internal;

import io.logmirror.sync.ssh.TransferCompression;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the remote offers for batched transfers, probed once per connection with one exec: a shell with the tools the
 * batch script needs (GNU {@code find -printf}, {@code dd iflag=skip_bytes,count_bytes}, {@code head -c}, {@code tr},
 * {@code cat}), and the compressors {@code zstd} and {@code gzip}.
 *
 * @param batch whether the batch script can run (a shell and every tool it needs)
 * @param zstd  whether {@code zstd} is on the remote's PATH
 * @param gzip  whether {@code gzip} is on the remote's PATH
 */
public record RemoteTools(boolean batch, boolean zstd, boolean gzip) {

    static final String MARKER = "logmirror-probe-v1";

    /** What a remote without a usable shell offers. */
    public static final RemoteTools NONE = new RemoteTools(false, false, false);

    private static final String SCRIPT = "printf '" + MARKER + "\\n'; "
            + "for t in zstd gzip; do command -v \"$t\" >/dev/null 2>&1 && printf '%s\\n' \"$t\"; done; "
            + "[ \"$(find /dev/null -maxdepth 0 -printf x 2>/dev/null)\" = x ] "
            + "&& dd if=/dev/null of=/dev/null bs=1 skip=0 count=0 iflag=skip_bytes,count_bytes 2>/dev/null "
            + "&& [ \"$(printf 'ab' | head -c 1)\" = a ] "
            + "&& [ \"$(printf 'a\\000b' | tr '\\000' x)\" = axb ] "
            + "&& [ \"$(printf 'c' | cat -- /dev/null -)\" = c ] && printf 'batch\\n'; exit 0";

    /** The probe's command line (no name of any file in it). */
    static String command() {
        return "sh -c " + ShellQuote.quote(SCRIPT);
    }

    /** Reads the probe's output; anything without the marker means no usable shell. */
    static RemoteTools parse(String output) {
        List<String> lines = output.lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(MARKER)) {
            return NONE;
        }
        return new RemoteTools(lines.contains("batch"), lines.contains("zstd"), lines.contains("gzip"));
    }

    /**
     * The codec to use for {@code wanted}: {@link TransferCompression#AUTO} takes zstd, else gzip, else none; a codec
     * the remote lacks is replaced by what AUTO finds (the caller warns).
     */
    public TransferCompression codec(TransferCompression wanted) {
        if (wanted == TransferCompression.ZSTD && zstd || wanted == TransferCompression.GZIP && gzip
                || wanted == TransferCompression.NONE) {
            return wanted;
        }
        return zstd ? TransferCompression.ZSTD : gzip ? TransferCompression.GZIP : TransferCompression.NONE;
    }

    /**
     * Runs the probe on {@code connection}.
     *
     * @return the tools, {@link #NONE} when the account cannot run commands
     * @throws IOException when the connection failed
     */
    static RemoteTools probe(SshConnection connection) throws IOException {
        long timeout = connection.client().getConnection().getTimeoutMs();
        try (Session session = connection.client().startSession()) {
            Session.Command command;
            try {
                command = session.exec(command());
            } catch (ConnectionException e) {
                if (!connection.isUsable()) {
                    throw e;
                }
                return NONE; // the server refused to run a command: no shell
            }
            command.getOutputStream().close(); // a forced sftp-server exits on EOF
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (Watchdog watchdog = Watchdog.start(timeout, () -> closeQuietly(command))) {
                InputStream in = command.getInputStream();
                byte[] buffer = new byte[4096];
                int n;
                while ((n = in.read(buffer)) >= 0 && out.size() < 65536) {
                    out.write(buffer, 0, n);
                    watchdog.progress();
                }
                if (watchdog.fired()) {
                    throw new IOException("the remote did not answer the tool probe within " + timeout + " ms");
                }
            }
            command.join(timeout, TimeUnit.MILLISECONDS);
            return parse(out.toString(StandardCharsets.ISO_8859_1));
        }
    }

    static void closeQuietly(Session.Command command) {
        try {
            command.close();
        } catch (IOException | RuntimeException ignored) {
            // the reader ends either way
        }
    }

    /** For messages: which compressors the remote has. */
    @Override
    public String toString() {
        return "batch script " + (batch ? "available" : "not available") + ", compressors: "
                + Optional.of((zstd ? "zstd " : "") + (gzip ? "gzip" : "")).map(String::trim).filter(s -> !s.isEmpty())
                .orElse("none");
    }
}
