package io.logmirror.sync.ssh.internal;

import io.logmirror.core.RemoteListing;
import io.logmirror.core.SkippedEntry;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Lists the remote folder: one {@code find} over an exec channel, or an SFTP directory walk. */
public final class RemoteLister {

    /** Thrown when the account cannot run the listing command (no shell, or no GNU find): use the SFTP walk. */
    public static final class NoShellException extends IOException {
        private static final long serialVersionUID = 1L;

        NoShellException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final int MAX_ERROR_LINES = 100;

    private RemoteLister() {
    }

    /**
     * Lists with one {@code find} over an exec channel.
     *
     * @throws NoShellException when the account has no shell (exec refused, or the command did not run)
     * @throws IOException      when the listing failed otherwise
     */
    public static RemoteListing exec(SshConnection connection, String who) throws IOException {
        java.util.Optional<ListingShell> shell = connection.listingShell();
        if (shell.isPresent()) {
            try {
                ListingShell.Result result = shell.get().list();
                return interpret(connection, who, result.entries(), result.status(), String.join("\n", result.errors()));
            } catch (NoShellException e) {
                throw e;
            } catch (IOException e) {
                connection.dropListingShell();
                if (!connection.isUsable()) {
                    throw e;
                }
                // the kept shell died: list once more the one-shot way
            }
        }
        RemoteListing listing = execOnce(connection, who);
        connection.startListingShell();
        return listing;
    }

    private static RemoteListing execOnce(SshConnection connection, String who) throws IOException {
        byte[] out;
        String err;
        Integer status;
        try (Session session = connection.client().startSession()) {
            Session.Command command;
            try {
                command = session.exec(FindOutput.command(connection.folder()));
            } catch (ConnectionException e) {
                throw new NoShellException(who + ": the server refused to run a command (" + SshConnection.reason(e) + ")", null);
            }
            command.getOutputStream().close(); // EOF on stdin: a forced sftp-server (no shell) exits at once
            CompletableFuture<byte[]> stderr = new CompletableFuture<>();
            Thread errorReader = new Thread(() -> stderr.complete(readQuietly(command.getErrorStream())),
                    "ssh-listing-stderr");
            errorReader.setDaemon(true);
            errorReader.start();
            java.io.ByteArrayOutputStream collected = new java.io.ByteArrayOutputStream(1 << 16);
            try (Watchdog watchdog = Watchdog.start(connection.client().getConnection().getTimeoutMs(), () -> {
                try {
                    command.close();
                } catch (IOException | RuntimeException ignored) {
                    // the read below ends either way
                }
            })) {
                byte[] buffer = new byte[1 << 16];
                InputStream stdout = command.getInputStream();
                int n;
                try {
                    while ((n = stdout.read(buffer)) >= 0) {
                        collected.write(buffer, 0, n);
                        watchdog.progress();
                    }
                } catch (IOException e) {
                    if (!watchdog.fired()) {
                        throw e;
                    }
                }
                if (watchdog.fired()) {
                    throw new IOException(who + ": the remote listing sent nothing for "
                            + connection.client().getConnection().getTimeoutMs() / 1000 + " s and was stopped; is the"
                            + " remote file system hung? (the read timeout can be raised)");
                }
            }
            out = collected.toByteArray();
            command.join(connection.client().getConnection().getTimeoutMs(), TimeUnit.MILLISECONDS);
            status = command.getExitStatus();
            try {
                err = new String(stderr.get(connection.client().getConnection().getTimeoutMs(), TimeUnit.MILLISECONDS),
                        StandardCharsets.UTF_8);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(who + ": interrupted while listing", e);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                err = "";
            }
        }
        if (!FindOutput.hasMarker(out)) {
            String said = err.isBlank() ? new String(out, StandardCharsets.UTF_8) : err;
            throw new NoShellException(who + ": the listing command did not run (exit status " + status + ", "
                    + firstLine(said) + ")", null);
        }
        return interpret(connection, who, FindOutput.parse(out), status == null ? -1 : status, err);
    }

    private static RemoteListing interpret(SshConnection connection, String who, List<RawEntry> entries, int exit,
                                           String err) throws IOException {
        if (exit == FindOutput.NO_FOLDER_STATUS) {
            throw new IOException(who + ": cannot enter the remote folder " + RemoteNames.localName(connection.folder())
                    + " (" + firstLine(err) + "); check that it exists and that the account may read it");
        }
        if (exit != 0 && exit != 1) {
            throw new NoShellException(who + ": find failed with exit status " + exit + " (" + firstLine(err)
                    + "); is it GNU find?", null);
        }
        if (exit == 1 && entries.isEmpty() && err.contains("printf")) {
            throw new NoShellException(who + ": find does not support -printf (" + firstLine(err) + ")", null);
        }
        List<SkippedEntry> skipped = new ArrayList<>();
        if (exit == 1) {
            err.lines().filter(line -> !line.isBlank()).limit(MAX_ERROR_LINES).forEach(line ->
                    skipped.add(SkippedEntry.ofRawName(line.startsWith("find: ") ? line.substring(6) : line,
                            "the remote listing could not read it; check its permissions on the host")));
        }
        return ListingAssembler.assemble(entries, links(connection), skipped);
    }

    /** Lists with an SFTP directory walk (modification times in whole seconds, as SFTP v3 gives them). */
    public static RemoteListing sftp(SshConnection connection, String who) throws IOException {
        SFTPClient sftp = connection.primary();
        List<RawEntry> entries = new ArrayList<>();
        List<SkippedEntry> skipped = new ArrayList<>();
        Deque<String> folders = new ArrayDeque<>();
        folders.add("");
        while (!folders.isEmpty()) {
            String relative = folders.poll();
            String absolute = relative.isEmpty() ? connection.folder() : connection.folder() + "/" + relative;
            List<RemoteResourceInfo> children;
            try {
                children = sftp.ls(absolute);
            } catch (SFTPException e) {
                if (relative.isEmpty()) {
                    throw new IOException(who + ": cannot list the remote folder " + RemoteNames.localName(absolute)
                            + " (" + SshConnection.reason(e) + "); check that it exists and that the account may read it", e);
                }
                skipped.add(SkippedEntry.ofRawName(RemoteNames.localName(relative),
                        "the remote folder cannot be listed (" + SshConnection.reason(e) + "); check its permissions on the host"));
                continue;
            }
            for (RemoteResourceInfo child : children) {
                String name = child.getName();
                if (name.equals(".") || name.equals("..")) {
                    continue;
                }
                String path = relative.isEmpty() ? name : relative + "/" + name;
                FileAttributes attributes = child.getAttributes();
                char type = typeOf(attributes);
                if (type == 'd') {
                    folders.add(path);
                } else {
                    entries.add(new RawEntry(path, type, attributes.getSize(), Instant.ofEpochSecond(attributes.getMtime())));
                }
            }
        }
        return ListingAssembler.assemble(entries, links(connection), skipped);
    }

    /** Symlinks are resolved by the SFTP server (realpath) and kept only when they land inside the folder. */
    private static ListingAssembler.LinkResolver links(SshConnection connection) {
        return carrier -> {
            SFTPClient sftp = connection.primary();
            String current = connection.folder() + "/" + carrier;
            for (int hop = 0; hop < 40; hop++) {
                String target;
                FileAttributes attributes;
                try {
                    target = sftp.canonicalize(current);
                    attributes = sftp.lstat(target);
                } catch (SFTPException e) {
                    if (e.getStatusCode() == Response.StatusCode.NO_SUCH_FILE) {
                        throw new IOException("its target '" + RemoteNames.localName(current) + "' does not exist", e);
                    }
                    throw new IOException(SshConnection.reason(e), e);
                }
                if (attributes.getType() != net.schmizz.sshj.sftp.FileMode.Type.SYMLINK) {
                    String base = connection.canonicalFolder();
                    String prefix = base.endsWith("/") ? base : base + "/";
                    return target.startsWith(prefix) ? Optional.of(target.substring(prefix.length())) : Optional.empty();
                }
                // this server's realpath does not follow links (Apache MINA's does not): follow one hop ourselves
                String link = sftp.getSFTPEngine().readLink(target);
                current = link.startsWith("/") ? link : target.substring(0, target.lastIndexOf('/') + 1) + link;
            }
            throw new IOException("it has too many levels of symbolic links");
        };
    }

    private static char typeOf(FileAttributes attributes) {
        switch (attributes.getType()) {
            case REGULAR:
                return 'f';
            case DIRECTORY:
                return 'd';
            case SYMLINK:
                return 'l';
            case FIFO_SPECIAL:
                return 'p';
            case SOCKET_SPECIAL:
                return 's';
            case BLOCK_SPECIAL:
                return 'b';
            case CHAR_SPECIAL:
                return 'c';
            default:
                return '?';
        }
    }

    private static byte[] readQuietly(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static String firstLine(String text) {
        String line = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("no error output");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
