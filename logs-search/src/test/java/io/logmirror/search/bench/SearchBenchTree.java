package io.logmirror.search.bench;

import io.logmirror.fakecluster.FakeRemote;
import io.logmirror.fakecluster.SyntheticLogs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Writes the search benchmark's tree: the testkit's synthetic logs (seed 7, one folder per job) of at least
 * {@code totalMb} MiB, as a mirror's data folder ({@code <data>/logs/<path>}, remote modification times kept), so the
 * service can serve it in offline mode and ripgrep can read the same files. Run by {@code bench/search-vs-rg.sh}.
 *
 * <p>Usage: {@code SearchBenchTree <data folder> <totalMb>}
 */
public final class SearchBenchTree {

    private SearchBenchTree() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SearchBenchTree <data folder> <totalMb>");
            System.exit(2);
        }
        Path logs = Path.of(args[0]).resolve("logs");
        long total = Long.parseLong(args[1]) << 20;
        long written = 0;
        int files = 0;
        // One generator per ~256 MiB keeps the in-memory fake cluster small; each writes its own job ids.
        for (int part = 0; written < total; part++) {
            FakeRemote remote = FakeRemote.named("bench-" + part);
            SyntheticLogs logsGenerator = SyntheticLogs.builder(remote).seed(7 + part).jobFolders(true)
                    .firstJobId(100_000L * (part + 1))
                    .start(Instant.parse("2026-01-05T08:00:00Z").plusSeconds(86_400L * 7 * part)).build();
            logsGenerator.populateToSize(Math.min(256L << 20, total - written));
            for (String path : remote.paths()) {
                Path target = logs.resolve(path);
                Files.createDirectories(target.getParent());
                Files.write(target, remote.content(path));
                Files.setLastModifiedTime(target, FileTime.from(remote.modified(path)));
                written += remote.size(path);
                files++;
            }
        }
        System.out.println("wrote " + files + " files, " + (written >> 20) + " MiB under " + logs);
    }
}
