package io.logmirror.sync.ssh.bench;

import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.SyncReport;
import io.logmirror.core.RemoteListing;
import io.logmirror.sync.ssh.OpenSshServer;
import io.logmirror.sync.ssh.SshRemoteSource;
import io.logmirror.sync.ssh.SshSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Benchmark: {@link SshRemoteSource} against {@code rsync -a -e ssh}, same loopback OpenSSH server, same key, same run.
 * Run with {@code bench/ssh-vs-rsync.sh}; results and method are in docs/benchmarks.md. Not a test.
 *
 * <p>System properties: {@code files} (default 2500), {@code totalMb} (default 500), {@code rounds} (default 3),
 * {@code channels} (default 4), {@code connections} (default 1), {@code work} (a folder to use, default a temp folder).
 */
public final class SshMirrorBenchmark {

    private static final int GROWTH_CHECK_WINDOW = 4096;

    private SshMirrorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int files = Integer.getInteger("files", 2500);
        long totalBytes = Long.getLong("totalMb", 500L) << 20;
        int rounds = Integer.getInteger("rounds", 3);
        int channels = Integer.getInteger("channels", 4);
        int connections = Integer.getInteger("connections", 1);
        Path work = System.getProperty("work") == null ? Files.createTempDirectory("ssh-bench")
                : Files.createDirectories(Path.of(System.getProperty("work")));
        Path remote = work.resolve("remote");
        Path logs = remote.resolve("logs");
        List<Path> tree = generate(logs, files, totalBytes, new Random(42));
        System.out.printf("tree: %d files, %.1f MB in %s%n", tree.size(), size(logs) / 1e6, logs);
        System.out.printf("java %s, %d cores, ciphers first: %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                io.logmirror.sync.ssh.internal.SshjConfig.cipherNames().subList(0, 2));

        try (OpenSshServer server = OpenSshServer.start()) {
            String ssh = "ssh -p " + server.port() + " -i " + server.privateKey() + " -o BatchMode=yes"
                    + " -o UserKnownHostsFile=" + server.knownHosts() + " -o StrictHostKeyChecking=yes";
            String remoteLogs = server.user() + "@127.0.0.1:" + logs + "/";
            SshSettings settings = server.settings(remote).channels(channels).connections(connections).build();
            System.out.printf("source: %d connection(s), %d SFTP channels%n", connections, channels);

            for (int round = 1; round <= rounds; round++) {
                System.out.printf("%n## round %d%n", round);
                Path ours = work.resolve("ours-" + round);
                Path theirs = work.resolve("rsync-" + round);
                deleteTree(ours);
                deleteTree(theirs);
                Files.createDirectories(ours);
                Files.createDirectories(theirs);
                dropPageCacheHint();

                double rsyncFirst = time(() -> run("rsync", "-a", "-e", ssh, remoteLogs, theirs + "/"));
                long connectStart = System.nanoTime();
                SshRemoteSource source = SshRemoteSource.create(settings);
                try (LogMirror mirror = LogMirror.open(LogMirrorConfig.builder(ours, source).build())) {
                    SyncReport first = mirror.syncNow();
                    double firstSeconds = (System.nanoTime() - connectStart) / 1e9;
                    report("first full sync", rsyncFirst, firstSeconds, first.bytesFetched(), size(logs));

                    double rsyncNothing = time(() -> run("rsync", "-a", "-e", ssh, remoteLogs, theirs + "/"));
                    long start = System.nanoTime();
                    SyncReport nothing = mirror.syncNow();
                    report("nothing changed", rsyncNothing, (System.nanoTime() - start) / 1e9, nothing.bytesFetched(), 0);

                    long appended = grow(tree, 0.05, 256 * 1024, new Random(round));
                    double rsyncAppend = time(() -> run("rsync", "-a", "--append", "-e", ssh, remoteLogs, theirs + "/"));
                    start = System.nanoTime();
                    SyncReport grown = mirror.syncNow();
                    report("5% of files grew by 256 KB", rsyncAppend, (System.nanoTime() - start) / 1e9,
                            grown.bytesFetched(), appended);
                    System.out.printf("   bytes read / bytes appended = %.4f (files grown: %d, failures: %d)%n",
                            grown.bytesFetched() / (double) appended, grown.filesGrown(), grown.failures().size());
                    long listStart = System.nanoTime();
                    int listed = source.list().files().size();
                    System.out.printf("   one listing of %d files on the open connection: %.1f ms%n", listed,
                            (System.nanoTime() - listStart) / 1e6);
                }
                double cat = time(() -> run("bash", "-c", ssh + " " + server.user() + "@127.0.0.1 "
                        + "'cd " + logs + " && find . -type f -exec cat {} +' > /dev/null"));
                System.out.printf("   ceiling: ssh cat of the whole tree to /dev/null: %.2f s%n", cat);
                verifySame(logs, ours.resolve("logs"));
                verifySame(logs, theirs);
            }
        } finally {
            if (System.getProperty("work") == null) {
                deleteTree(work);
            }
        }
    }

    /** A minimal mirror over the source (the engine's algorithm without its store): returns bytes read. */
    static long sync(SshRemoteSource source, Path dest, int parallelism) throws Exception {
        RemoteListing listing = source.list();
        AtomicLong bytes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (RemoteFile file : listing.files()) {
                Path local = file.path().resolveAgainst(dest);
                long localSize = Files.exists(local) ? Files.size(local) : -1;
                if (localSize == file.size() && Files.getLastModifiedTime(local).toInstant().equals(file.modified())) {
                    continue;
                }
                tasks.add(pool.submit(() -> {
                    fetch(source, file, local, localSize, bytes);
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return bytes.get();
    }

    private static void fetch(SshRemoteSource source, RemoteFile file, Path local, long localSize, AtomicLong bytes)
            throws IOException {
        if (localSize > 0 && localSize < file.size()) {
            long from = Math.max(0, localSize - GROWTH_CHECK_WINDOW);
            byte[] expected = new byte[(int) (localSize - from)];
            try (var channel = Files.newByteChannel(local)) {
                channel.position(from);
                channel.read(java.nio.ByteBuffer.wrap(expected));
            }
            try (InputStream in = source.open(file, from, file.size() - from)) {
                byte[] window = in.readNBytes(expected.length);
                bytes.addAndGet(window.length);
                if (Arrays.equals(window, expected)) {
                    try (OutputStream out = Files.newOutputStream(local, StandardOpenOption.APPEND)) {
                        bytes.addAndGet(in.transferTo(out));
                    }
                    Files.setLastModifiedTime(local, FileTime.from(file.modified()));
                    return;
                }
            }
        }
        Files.createDirectories(local.getParent());
        Path temp = local.resolveSibling("." + local.getFileName() + ".part");
        try (InputStream in = source.open(file, 0, file.size()); OutputStream out = Files.newOutputStream(temp)) {
            bytes.addAndGet(in.transferTo(out));
        }
        Files.setLastModifiedTime(temp, FileTime.from(file.modified()));
        Files.move(temp, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static List<Path> generate(Path logs, int files, long totalBytes, Random random) throws IOException {
        deleteTree(logs);
        Files.createDirectories(logs);
        double[] weights = new double[files];
        double sum = 0;
        for (int i = 0; i < files; i++) {
            weights[i] = Math.exp(random.nextGaussian() * 1.2);
            sum += weights[i];
        }
        byte[] line = new byte[1 << 20];
        List<Path> tree = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            Path dir = logs.resolve("job-" + (i / 50));
            Files.createDirectories(dir);
            String name = switch (i % 5) {
                case 0 -> "orchestrator_job-" + i + ".out";
                case 1 -> "vllm-replicas_" + i + ".err";
                case 2 -> "vllm_" + i + ".log";
                case 3 -> "loadgen-" + i + ".out";
                default -> "slurm-" + i + ".out";
            };
            Path file = dir.resolve(name);
            long size = (long) (totalBytes * weights[i] / sum);
            try (OutputStream out = Files.newOutputStream(file)) {
                long written = 0;
                while (written < size) {
                    fillLines(line, random);
                    int n = (int) Math.min(line.length, size - written);
                    out.write(line, 0, n);
                    written += n;
                }
            }
            tree.add(file);
        }
        return tree;
    }

    private static void fillLines(byte[] buffer, Random random) {
        String[] words = {"INFO", "step", "loss=", "throughput", "tokens/s", "WARN", "replica", "ready", "GPU", "0.731"};
        int pos = 0;
        while (pos < buffer.length) {
            String text = "2026-11-26T07:" + random.nextInt(60) + " " + words[random.nextInt(words.length)] + " "
                    + random.nextInt(1_000_000) + " " + words[random.nextInt(words.length)] + "\n";
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            int n = Math.min(b.length, buffer.length - pos);
            System.arraycopy(b, 0, buffer, pos, n);
            pos += n;
        }
    }

    static long grow(List<Path> tree, double fraction, int bytes, Random random) throws IOException {
        int count = (int) Math.round(tree.size() * fraction);
        List<Path> shuffled = new ArrayList<>(tree);
        java.util.Collections.shuffle(shuffled, random);
        byte[] data = new byte[bytes];
        long total = 0;
        for (Path file : shuffled.subList(0, count)) {
            fillLines(data, random);
            Files.write(file, data, StandardOpenOption.APPEND);
            total += bytes;
        }
        return total;
    }

    private static void verifySame(Path expected, Path actual) throws IOException {
        try (Stream<Path> files = Files.walk(expected)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = actual.resolve(expected.relativize(file).toString());
                if (Files.mismatch(file, copy) != -1) {
                    throw new IllegalStateException("mirror differs at " + copy);
                }
            }
        }
    }

    private static void report(String what, double rsync, double ours, long bytesRead, long bytesExpected) {
        System.out.printf("%-28s rsync %6.2f s | ours %6.2f s | ours/rsync %.2f | bytes read %,d (expected %,d)%n",
                what, rsync, ours, ours / rsync, bytesRead, bytesExpected);
    }

    private static void dropPageCacheHint() {
        // the tree was just written: it is in the page cache for both tools alike
    }

    interface Step {
        void run() throws Exception;
    }

    interface Measured {
        long run() throws Exception;
    }

    record Result(double seconds, long bytes) {
    }

    private static double time(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static Result timed(Measured step) throws Exception {
        long start = System.nanoTime();
        long bytes = step.run();
        return new Result((System.nanoTime() - start) / 1e9, bytes);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }

    static long size(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
