package io.logmirror.sync.ssh.internal;

import net.schmizz.sshj.connection.channel.direct.Session;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A shell kept running on the connection that runs the listing {@code find} each time it reads a line.
 *
 * <p>Why: sshd starts every exec through the account's login shell, and bash reads {@code ~/.bashrc} for commands
 * that come over SSH; on an HPC account that often loads modules, and here (pyenv) it cost 370 ms per listing. Paying
 * that once per connection makes a nothing-changed sync cost the {@code find} alone. It is only started after a
 * one-shot listing proved that the account has a shell.
 *
 * <p>Framing: each listing prints the marker, the find records (four NUL-terminated fields), then a trailer
 * {@code logmirror-end-<status>} where a type field (one character) would be; on stderr it ends with a line
 * {@code logmirror-end}. Thread-safe: listings on one shell run one at a time.
 */
final class ListingShell implements Closeable {

    static final String END = "logmirror-end";

    private final Session session;
    private final Session.Command command;
    private final InputStream out;
    private final OutputStream in;
    private final BlockingQueue<String> errors = new LinkedBlockingQueue<>();
    private final long timeoutMillis;
    private volatile boolean broken;
    private Watchdog watchdog;

    private ListingShell(Session session, Session.Command command, long timeoutMillis) {
        this.session = session;
        this.command = command;
        this.out = new BufferedInputStream(command.getInputStream(), 1 << 16);
        this.in = command.getOutputStream();
        this.timeoutMillis = timeoutMillis;
        Thread reader = new Thread(this::readErrors, "ssh-listing-shell-stderr");
        reader.setDaemon(true);
        reader.start();
    }

    static ListingShell start(SshConnection connection) throws IOException {
        Session session = connection.client().startSession();
        try {
            String script = "while IFS= read -r request; do printf '" + FindOutput.MARKER + "\\000'; ("
                    + FindOutput.script(connection.folder()) + "); printf '" + END + "-%d\\000' \"$?\"; printf '\\n"
                    + END + "\\n' >&2; done";
            Session.Command command = session.exec("sh -c " + ShellQuote.quote(script));
            return new ListingShell(session, command, connection.client().getConnection().getTimeoutMs());
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Whether it can run another listing. */
    boolean isUsable() {
        return !broken && command.isOpen();
    }

    /**
     * Runs one listing.
     *
     * @return the entries, the exit status of find and its error lines
     * @throws IOException when the shell died or the output is garbled; the shell is then unusable
     */
    synchronized Result list() throws IOException {
        try (Watchdog watchdog = Watchdog.start(timeoutMillis, this::close)) {
            this.watchdog = watchdog;
            errors.removeIf(line -> true);
            in.write('\n');
            in.flush();
            String marker = field();
            if (!FindOutput.MARKER.equals(marker)) {
                throw new IOException("the listing shell answered without the marker");
            }
            List<RawEntry> entries = new ArrayList<>();
            String[] fields = new String[4];
            while (true) {
                String type = field();
                if (type.startsWith(END + "-")) {
                    int status = Integer.parseInt(type.substring(END.length() + 1));
                    return new Result(entries, status, errorLines());
                }
                fields[0] = type;
                for (int i = 1; i < 4; i++) {
                    fields[i] = field();
                }
                entries.add(FindOutput.entry(fields));
            }
        } catch (IOException | RuntimeException e) {
            broken = true;
            throw e instanceof IOException ? (IOException) e : new IOException(e.getMessage(), e);
        } finally {
            watchdog = null;
        }
    }

    private String field() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        while (true) {
            int b = out.read();
            if (b < 0) {
                throw new IOException("the listing shell ended");
            }
            if (b == 0) {
                watchdog.progress();
                return bytes.toString(StandardCharsets.ISO_8859_1);
            }
            bytes.write(b);
        }
    }

    private List<String> errorLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try {
            while (true) {
                String line = errors.poll(timeoutMillis > 0 ? timeoutMillis : 60_000, TimeUnit.MILLISECONDS);
                if (line == null) {
                    throw new IOException("the listing shell did not finish its error output in time");
                }
                if (line.equals(END)) {
                    return lines;
                }
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while listing", e);
        }
    }

    private void readErrors() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(command.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                errors.add(line);
            }
        } catch (IOException e) {
            broken = true;
        }
    }

    @Override
    public void close() {
        broken = true;
        try {
            in.close();
            session.close();
        } catch (IOException | RuntimeException ignored) {
            // the session dies with the connection anyway
        }
    }

    /** One listing's outcome. */
    record Result(List<RawEntry> entries, int status, List<String> errors) {
    }
}
