package io.logmirror.sync.ssh.internal;

import io.logmirror.core.InvalidLogPathException;
import io.logmirror.core.LogPath;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.SkippedEntry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns raw entries (from find or from an SFTP walk) into a {@link RemoteListing}: validates every name as a
 * {@link LogPath}, maps names that are not UTF-8 to escaped local names, follows symlinks that point to regular files
 * inside the folder and reports everything it leaves out.
 */
public final class ListingAssembler {

    /** Resolves a symlink of the remote folder. */
    public interface LinkResolver {
        /**
         * Where the link at {@code carrier} (relative to the folder) finally points.
         *
         * @return the target relative to the folder (a carrier) when it is inside the folder, or empty
         * @throws IOException when the link cannot be resolved (broken, loop); the message says why
         */
        Optional<String> insideTarget(String carrier) throws IOException;
    }

    private ListingAssembler() {
    }

    /** Assembles the listing; {@code skipped} are entries already reported by the lister (unreadable folders). */
    public static RemoteListing assemble(List<RawEntry> entries, LinkResolver links, List<SkippedEntry> skipped) {
        List<SkippedEntry> skips = new ArrayList<>(skipped);
        Map<String, RawEntry> regular = new HashMap<>();
        for (RawEntry entry : entries) {
            if (entry.type() == 'f') {
                regular.put(entry.carrier(), entry);
            }
        }
        Map<LogPath, RemoteFile> files = new LinkedHashMap<>();
        for (RawEntry entry : entries) {
            switch (entry.type()) {
                case 'd':
                    break;
                case 'f':
                    add(entry.carrier(), entry, files, skips);
                    break;
                case 'l':
                    addLink(entry, regular, links, files, skips);
                    break;
                default:
                    skips.add(SkippedEntry.ofRawName(RemoteNames.localName(entry.carrier()),
                            "it is a " + kind(entry.type()) + ", not a regular file"));
            }
        }
        return new RemoteListing(new ArrayList<>(files.values()), skips);
    }

    private static void addLink(RawEntry link, Map<String, RawEntry> regular, LinkResolver links,
                                Map<LogPath, RemoteFile> files, List<SkippedEntry> skips) {
        String name = RemoteNames.localName(link.carrier());
        Optional<String> target;
        try {
            target = links.insideTarget(link.carrier());
        } catch (IOException e) {
            skips.add(SkippedEntry.ofRawName(name, "it is a symlink that cannot be followed: " + e.getMessage()));
            return;
        }
        if (target.isEmpty()) {
            skips.add(SkippedEntry.ofRawName(name, "it is a symlink pointing outside the remote folder"));
            return;
        }
        RawEntry file = regular.get(target.get());
        if (file == null) {
            skips.add(SkippedEntry.ofRawName(name, "it is a symlink to '"
                    + RemoteNames.localName(target.get()) + "', which is not a regular file"));
            return;
        }
        add(link.carrier(), file, files, skips);
    }

    private static void add(String carrier, RawEntry data, Map<LogPath, RemoteFile> files, List<SkippedEntry> skips) {
        String local = RemoteNames.localName(carrier);
        LogPath path;
        try {
            path = LogPath.of(local);
        } catch (InvalidLogPathException e) {
            skips.add(SkippedEntry.ofRawName(local, "its name is not a valid log path: " + e.getMessage()));
            return;
        }
        boolean utf8 = RemoteNames.isUtf8(carrier);
        if (!utf8 && carrier.equals(local)) {
            skips.add(SkippedEntry.ofRawName(local, "its name is not UTF-8 and cannot be told apart from its escaped form"));
            return;
        }
        if (files.containsKey(path)) {
            skips.add(SkippedEntry.ofRawName(local, "another remote file already maps to the local name '" + path
                    + "' (a name that is not UTF-8 is escaped with %XX)"));
            return;
        }
        files.put(path, new RemoteFile(path, data.size(), data.modified(), utf8 ? local : carrier));
    }

    /** The raw bytes to open for {@code file}: its UTF-8 path, or the raw name kept in its source name. */
    public static String carrierOf(RemoteFile file) {
        String source = file.sourceName();
        return source.equals(file.path().toString()) ? RemoteNames.carrierOf(source) : source;
    }

    private static String kind(char type) {
        switch (type) {
            case 'p':
                return "FIFO";
            case 's':
                return "socket";
            case 'b':
                return "block device";
            case 'c':
                return "character device";
            case 'D':
                return "door";
            default:
                return "special file (type '" + type + "')";
        }
    }
}
