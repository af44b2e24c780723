package io.logmirror.sync.ssh.bench;

import io.logmirror.core.FetchedRange;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogPath;
import io.logmirror.core.RangeReceiver;
import io.logmirror.core.RangeRequest;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.SyncReport;
import io.logmirror.sync.ssh.OpenSshServer;
import io.logmirror.sync.ssh.SshRemoteSource;
import io.logmirror.sync.ssh.SshSettings;
import io.logmirror.sync.ssh.TransferCompression;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark: the SSH source's batched {@code fetch} against {@code rsync -a}, {@code rsync -az} and
 * {@code rsync -a --append}, same loopback OpenSSH server, same key, same tree, same run, over links made with
 * {@code bench/wan-proxy.py} (delay each way and a rate cap). Run with {@code bench/wan-fetch.sh}; results in
 * docs/benchmarks.md. Not a test.
 *
 * <p>"Ours" is a minimal mirror written here over {@link SshRemoteSource#list()} and {@link SshRemoteSource#fetch}:
 * new files fetched whole, grown files from 4 KiB before their old end (the window checked against the local bytes,
 * then the rest appended), every file's mtime set; the batch split over {@code preferredParallelism()} threads. It
 * is what the core's syncer does with {@code fetch}, without its staging, categories and index, so that the
 * transfer itself can be measured before the engine calls {@code fetch}.
 *
 * <p>System properties: {@code files} (2500), {@code totalMb} (100), {@code links} ("0:0,15:200,40:50": delay in ms
 * each way and Mbit/s; 0:0 is the bare loopback), {@code codec} (auto), {@code engine} (true: also time the full
 * engine, {@link LogMirror}, over a second source on the same link, after ours), {@code sftpOnly} (false: when true
 * the server forces {@code internal-sftp}, so ours reads over pipelined SFTP and rsync cannot run), {@code work}
 * (a temp folder).
 */
public final class WanFetchBenchmark {

    private static final int WINDOW = 4096;

    private WanFetchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int files = Integer.getInteger("files", 2500);
        long totalBytes = Long.getLong("totalMb", 100L) << 20;
        String links = System.getProperty("links", "0:0,15:200,40:50");
        TransferCompression codec = TransferCompression.parse(System.getProperty("codec", "auto"));
        Path work = System.getProperty("work") == null ? Files.createTempDirectory("wan-bench")
                : Files.createDirectories(Path.of(System.getProperty("work")));
        Path proxyScript = Path.of(System.getProperty("proxy", "bench/wan-proxy.py")).toAbsolutePath();
        Path remote = work.resolve("remote");
        Path logs = remote.resolve("logs");
        System.out.printf("java %s, %d cores, codec %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), codec);

        boolean sftpOnly = Boolean.getBoolean("sftpOnly");
        try (OpenSshServer server = OpenSshServer.start(sftpOnly)) {
            int run = 0;
            for (String link : links.split(",")) {
                run++;
                String[] parts = link.split(":");
                int delay = Integer.parseInt(parts[0]);
                int rate = Integer.parseInt(parts[1]);
                List<Path> tree = SshMirrorBenchmark.generate(logs, files, totalBytes, new Random(42));
                System.out.printf("%n## link %s: %s; tree %d files, %.1f MB%n", link,
                        delay == 0 ? "bare loopback" : delay + " ms each way, " + rate + " Mbit/s", tree.size(),
                        SshMirrorBenchmark.size(logs) / 1e6);
                Process proxy = null;
                Path counts = work.resolve("counts-" + run);
                int port = server.port();
                if (delay > 0) {
                    port = freePort();
                    proxy = new ProcessBuilder("python3", proxyScript.toString(), Integer.toString(port),
                            Integer.toString(server.port()), Integer.toString(delay), Integer.toString(rate),
                            counts.toString()).redirectErrorStream(true).redirectOutput(work.resolve("proxy.log").toFile()).start();
                    waitForPort(port);
                }
                try {
                    runLink(server, port, remote, logs, tree, work.resolve("run-" + run), codec,
                            delay > 0 ? counts : null, sftpOnly);
                } finally {
                    if (proxy != null) {
                        proxy.destroy();
                        proxy.waitFor();
                    }
                }
            }
        } finally {
            if (System.getProperty("work") == null) {
                SshMirrorBenchmark.deleteTree(work);
            }
        }
    }

    private static void runLink(OpenSshServer server, int port, Path remote, Path logs, List<Path> tree, Path out,
                                TransferCompression codec, Path counts, boolean sftpOnly) throws Exception {
        String ssh = "ssh -p " + port + " -i " + server.privateKey() + " -o BatchMode=yes -o UserKnownHostsFile="
                + server.knownHosts() + " -o StrictHostKeyChecking=yes -o HostKeyAlias=[127.0.0.1]:" + server.port();
        String source = server.user() + "@127.0.0.1:" + logs + "/";
        Path plain = Files.createDirectories(out.resolve("rsync-a"));
        Path z = Files.createDirectories(out.resolve("rsync-az"));
        Path ours = Files.createDirectories(out.resolve("ours"));
        Files.createDirectories(out);
        Path knownHosts = out.resolve("known_hosts"); // the server's key, under the proxy's port
        Files.writeString(knownHosts, server.knownHostsLine().replace("]:" + server.port() + " ", "]:" + port + " ") + "\n");
        SshSettings settings = server.settings(remote).port(port).knownHosts(knownHosts).transferCompression(codec).build();

        Rsync rsync = (flags) -> {
            if (!sftpOnly) { // an account without a shell cannot run rsync: its columns stay empty
                List<String> command = new ArrayList<>(List.of("rsync"));
                command.addAll(List.of(flags).subList(0, flags.length - 1));
                command.addAll(List.of("-e", ssh, source, flags[flags.length - 1]));
                run(command.toArray(String[]::new));
            }
        };
        Result aFull = step(counts, () -> rsync.run("-a", plain + "/"));
        Result zFull = step(counts, () -> rsync.run("-az", z + "/"));
        boolean engine = Boolean.parseBoolean(System.getProperty("engine", "true"));
        Path engineData = out.resolve("engine");
        try (SshRemoteSource src = SshRemoteSource.create(settings);
             LogMirror mirrorEngine = engine ? LogMirror.open(LogMirrorConfig.builder(engineData,
                     SshRemoteSource.create(settings)).build()) : null) {
            MiniMirror mirror = new MiniMirror(src, ours);
            Result oursFull = step(counts, mirror::sync); // includes connecting and probing the remote's tools
            print("first full sync", aFull, zFull, null, oursFull, mirror);
            engineStep("first full sync", mirrorEngine, counts);

            Result aNothing = step(counts, () -> rsync.run("-a", plain + "/"));
            Result zNothing = step(counts, () -> rsync.run("-az", z + "/"));
            Result oursNothing = step(counts, mirror::sync);
            print("nothing changed", aNothing, zNothing, null, oursNothing, mirror);
            engineStep("nothing changed", mirrorEngine, counts);

            long appended = SshMirrorBenchmark.grow(tree, 0.05, 256 * 1024, new Random(1));
            Path appendCopy = out.resolve("rsync-append");
            run("cp", "-a", plain.toString(), appendCopy.toString()); // --append from the same starting point as -a
            Result aGrow = step(counts, () -> rsync.run("-a", plain + "/"));
            Result appendGrow = step(counts, () -> rsync.run("-a", "--append", appendCopy + "/"));
            Result zGrow = step(counts, () -> rsync.run("-az", z + "/"));
            Result oursGrow = step(counts, mirror::sync);
            print("5% grew by 256 KB (" + appended / 1_000_000 + " MB)", aGrow, zGrow, appendGrow, oursGrow, mirror);
            engineStep("5% grew by 256 KB", mirrorEngine, counts);
        }
        if (engine) {
            verifySame(logs, engineData.resolve("logs"));
        }
        verifySame(logs, ours);
        if (!sftpOnly) {
            verifySame(logs, plain);
        }
    }

    /** rsync with these flags (the last is the destination), from the remote folder, over the link. */
    interface Rsync {
        void run(String... flagsAndDestination) throws Exception;
    }

    /** The full engine ({@link LogMirror}: staging, categorized links, index, journal) over the same link, if on. */
    private static void engineStep(String what, LogMirror mirror, Path counts) throws Exception {
        if (mirror == null) {
            return;
        }
        SyncReport[] report = new SyncReport[1];
        Result result = step(counts, () -> report[0] = mirror.syncNow());
        System.out.printf("%-30s engine (LogMirror over the source) %6.2f s%s (fetched %,d bytes, %d failures)%n", what,
                result.seconds(), bytes(result), report[0].bytesFetched(), report[0].failures().size());
    }

    /** Wall-clock seconds and the bytes the proxy carried (both ways), or -1 without a proxy. */
    record Result(double seconds, long wireBytes) {
    }

    interface Step {
        void run() throws Exception;
    }

    private static Result step(Path counts, Step step) throws Exception {
        long before = carried(counts);
        long start = System.nanoTime();
        step.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (counts == null) {
            return new Result(seconds, -1);
        }
        Thread.sleep(300); // the proxy writes its counts every 100 ms
        return new Result(seconds, carried(counts) - before);
    }

    private static long carried(Path counts) throws IOException {
        if (counts == null || !Files.exists(counts)) {
            return 0;
        }
        String[] fields = Files.readString(counts).trim().split(" ");
        return Long.parseLong(fields[0]) + Long.parseLong(fields[1]);
    }

    private static void print(String what, Result a, Result z, Result append, Result ours, MiniMirror mirror) {
        System.out.printf("%-30s rsync -a %6.2f s%s | rsync -az %6.2f s%s%s | ours %6.2f s%s (fetched %,d bytes in %d"
                        + " fetch calls; listing %.2f s)%n", what, a.seconds(), bytes(a), z.seconds(), bytes(z),
                append == null ? "" : String.format(" | rsync -a --append %6.2f s%s", append.seconds(), bytes(append)),
                ours.seconds(), bytes(ours), mirror.fetched.getAndSet(0), mirror.calls.getAndSet(0), mirror.listSeconds);
    }

    private static String bytes(Result result) {
        return result.wireBytes() < 0 ? "" : String.format(" %,d B", result.wireBytes());
    }

    /** The benchmark's mirror: list, fetch what changed in preferredParallelism() batches, write it. */
    private static final class MiniMirror {
        private final SshRemoteSource source;
        private final Path root;
        private final Map<LogPath, RemoteFile> state = new HashMap<>();
        final AtomicLong fetched = new AtomicLong();
        final AtomicLong calls = new AtomicLong();
        double listSeconds;

        MiniMirror(SshRemoteSource source, Path root) {
            this.source = source;
            this.root = root;
        }

        void sync() throws Exception {
            List<RangeRequest> wanted = new ArrayList<>();
            long listStart = System.nanoTime();
            List<RemoteFile> listed = source.list().files();
            listSeconds = (System.nanoTime() - listStart) / 1e9;
            for (RemoteFile file : listed) {
                RemoteFile known = state.get(file.path());
                if (known == null || known.size() > file.size()) {
                    wanted.add(new RangeRequest(file, 0, Long.MAX_VALUE));
                } else if (known.size() < file.size()) {
                    wanted.add(new RangeRequest(file, known.size() - Math.min(WINDOW, known.size()), Long.MAX_VALUE));
                } else if (!known.modified().equals(file.modified())) {
                    wanted.add(new RangeRequest(file, 0, Long.MAX_VALUE));
                }
            }
            if (wanted.isEmpty()) {
                return;
            }
            int parallel = Math.min(source.preferredParallelism(), wanted.size());
            List<List<RangeRequest>> batches = new ArrayList<>();
            long[] load = new long[parallel];
            for (int i = 0; i < parallel; i++) {
                batches.add(new ArrayList<>());
            }
            wanted.sort(Comparator.comparingLong((RangeRequest r) -> r.file().size() - r.offset()).reversed());
            for (RangeRequest request : wanted) {
                int least = 0;
                for (int i = 1; i < parallel; i++) {
                    if (load[i] < load[least]) {
                        least = i;
                    }
                }
                batches.get(least).add(request);
                load[least] += request.file().size() - request.offset() + 2048;
            }
            Map<LogPath, RemoteFile> done = new ConcurrentHashMap<>();
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (List<RangeRequest> batch : batches) {
                    running.add(pool.submit(() -> {
                        calls.incrementAndGet();
                        source.fetch(batch, new Writer(done, failures));
                        return null;
                    }));
                }
                for (Future<?> each : running) {
                    each.get();
                }
            } finally {
                pool.shutdown();
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException(failures.size() + " failures, first: " + failures.get(0));
            }
            state.putAll(done);
        }

        private final class Writer implements RangeReceiver {
            private final Map<LogPath, RemoteFile> done;
            private final List<String> failures;

            Writer(Map<LogPath, RemoteFile> done, List<String> failures) {
                this.done = done;
                this.failures = failures;
            }

            @Override
            public void onRange(FetchedRange range) throws IOException {
                RemoteFile file = range.request().file();
                Path target = root.resolve(file.path().toString());
                long offset = range.request().offset();
                InputStream in = range.bytes();
                long count;
                if (offset == 0) {
                    Files.createDirectories(target.getParent());
                    try (OutputStream out = Files.newOutputStream(target)) {
                        count = in.transferTo(out);
                    }
                } else {
                    long oldSize = Files.size(target);
                    byte[] window = in.readNBytes((int) (oldSize - offset));
                    byte[] local = new byte[window.length];
                    try (FileChannel channel = FileChannel.open(target, StandardOpenOption.READ)) {
                        channel.read(java.nio.ByteBuffer.wrap(local), offset);
                    }
                    if (!java.util.Arrays.equals(window, local)) {
                        failures.add(file.path() + ": the window before the old end differs");
                        return;
                    }
                    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.APPEND)) {
                        count = window.length + in.transferTo(out);
                    }
                }
                fetched.addAndGet(count);
                Files.setLastModifiedTime(target, FileTime.from(range.modifiedAtRead()));
                done.put(file.path(), new RemoteFile(file.path(), range.sizeAtRead(), range.modifiedAtRead(), file.sourceName()));
            }

            @Override
            public void onFailure(RangeRequest request, IOException cause) {
                failures.add(request.file().path() + ": " + cause.getMessage());
            }
        }
    }

    private static void verifySame(Path expected, Path actual) throws IOException {
        try (var files = Files.walk(expected)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = actual.resolve(expected.relativize(file).toString());
                if (Files.mismatch(file, copy) != -1) {
                    throw new IllegalStateException("mirror differs at " + copy);
                }
            }
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("the proxy did not start on port " + port);
    }

    @SuppressWarnings("unused")
    private static Instant now() {
        return Instant.now();
    }
}
