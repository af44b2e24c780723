package io.logmirror.sync.ssh.bench;

import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.SyncReport;
import io.logmirror.sync.ssh.OpenSshServer;
import io.logmirror.sync.ssh.SshRemoteSource;
import io.logmirror.sync.ssh.SshSettings;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Benchmark: {@link SshRemoteSource} against {@code rsync -a -e ssh}, same loopback OpenSSH server, same key, same run.
 * Run with {@code bench/ssh-vs-rsync.sh}; results and method are in docs/benchmarks.md. Not a test.
 *
 * <p>System properties: {@code files} (default 2500), {@code totalMb} (default 500), {@code rounds} (default 3),
 * {@code channels} (default 4), {@code connections} (default 1), {@code compression} (default false: when true, ours
 * compresses the connection and rsync gets {@code -z}), {@code work} (a folder to use, default a temp folder).
 */
public final class SshMirrorBenchmark {

    private SshMirrorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int files = Integer.getInteger("files", 2500);
        long totalBytes = Long.getLong("totalMb", 500L) << 20;
        int rounds = Integer.getInteger("rounds", 3);
        int channels = Integer.getInteger("channels", 4);
        int connections = Integer.getInteger("connections", 1);
        boolean compression = Boolean.getBoolean("compression");
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
            SshSettings settings = server.settings(remote).channels(channels).connections(connections)
                    .compression(compression).build();
            String rsyncFlags = compression ? "-az" : "-a";
            System.out.printf("source: %d connection(s), %d SFTP channels%s; rsync %s%n", connections, channels,
                    compression ? ", zlib compression" : "", rsyncFlags);

            List<Double> firstRatios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                // Fresh folders every round, deleted only at the end: ext4 without a journal (this machine's disk)
                // scans past every inode deleted in the last minutes when it creates a file, so deleting the last
                // round's trees would slow down whoever writes next (docs/benchmarks.md).
                Path ours = Files.createDirectories(work.resolve("ours-" + round));
                Path theirs = Files.createDirectories(work.resolve("rsync-" + round));
                boolean rsyncFirst = round % 2 == 1;
                System.out.printf("%n## round %d (%s first)%n", round, rsyncFirst ? "rsync" : "ours");

                Measurement rsyncFull = null;
                if (rsyncFirst) {
                    rsyncFull = measure(() -> run("rsync", rsyncFlags, "-e", ssh, remoteLogs, theirs + "/"));
                }
                SshRemoteSource source = SshRemoteSource.create(settings);
                try (LogMirror mirror = LogMirror.open(LogMirrorConfig.builder(ours, source).build())) {
                    SyncReport[] first = new SyncReport[1];
                    Measurement oursFull = measure(() -> first[0] = mirror.syncNow()); // includes connecting
                    if (!rsyncFirst) {
                        rsyncFull = measure(() -> run("rsync", rsyncFlags, "-e", ssh, remoteLogs, theirs + "/"));
                    }
                    report("first full sync", rsyncFull, oursFull, first[0].bytesFetched(), size(logs));
                    firstRatios.add(oursFull.seconds() / rsyncFull.seconds());

                    Measurement rsyncNothing = measure(() -> run("rsync", rsyncFlags, "-e", ssh, remoteLogs, theirs + "/"));
                    SyncReport[] nothing = new SyncReport[1];
                    Measurement oursNothing = measure(() -> nothing[0] = mirror.syncNow());
                    report("nothing changed", rsyncNothing, oursNothing, nothing[0].bytesFetched(), 0);

                    long appended = grow(tree, 0.05, 256 * 1024, new Random(round));
                    Measurement rsyncAppend = measure(() -> run("rsync", rsyncFlags, "--append", "-e", ssh, remoteLogs, theirs + "/"));
                    SyncReport[] grown = new SyncReport[1];
                    Measurement oursAppend = measure(() -> grown[0] = mirror.syncNow());
                    report("5% of files grew by 256 KB", rsyncAppend, oursAppend, grown[0].bytesFetched(), appended);
                    System.out.printf("   bytes read / bytes appended = %.4f (files grown: %d, failures: %d)%n",
                            grown[0].bytesFetched() / (double) appended, grown[0].filesGrown(), grown[0].failures().size());
                    long listStart = System.nanoTime();
                    int listed = source.list().files().size();
                    System.out.printf("   one listing of %d files on the open connection: %.1f ms%n", listed,
                            (System.nanoTime() - listStart) / 1e6);
                }
                Measurement cat = measure(() -> run("bash", "-c", ssh + (compression ? " -C " : " ") + server.user() + "@127.0.0.1 "
                        + "'cd " + logs + " && find . -type f -exec cat {} +' > /dev/null"));
                System.out.printf("   ceiling: ssh cat of the whole tree to /dev/null: %.2f s (CPU %.2f s)%n",
                        cat.seconds(), cat.cpuSeconds());
                verifySame(logs, ours.resolve("logs"));
                verifySame(logs, theirs);
            }
            firstRatios.sort(null);
            System.out.printf("%nfirst full sync, ours/rsync over %d rounds: median %.2f (best %.2f, worst %.2f)%n",
                    firstRatios.size(), firstRatios.get(firstRatios.size() / 2), firstRatios.get(0),
                    firstRatios.get(firstRatios.size() - 1));
        } finally {
            if (System.getProperty("work") == null) {
                deleteTree(work);
            }
        }
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

    private static void report(String what, Measurement rsync, Measurement ours, long bytesRead, long bytesExpected) {
        System.out.printf("%-28s rsync %6.2f s | ours %6.2f s | ours/rsync %.2f | CPU rsync %.2f s, ours %.2f s"
                        + " | bytes read %,d (expected %,d)%n", what, rsync.seconds(), ours.seconds(),
                ours.seconds() / rsync.seconds(), rsync.cpuSeconds(), ours.cpuSeconds(), bytesRead, bytesExpected);
    }

    interface Step {
        void run() throws Exception;
    }

    /**
     * Wall-clock time and the CPU time of the whole machine (user + system, all processes: the tool, sshd, the
     * kernel's file-system work) from {@code /proc/stat}, in seconds.
     */
    record Measurement(double seconds, double cpuSeconds) {
    }

    private static Measurement measure(Step step) throws Exception {
        run("sync"); // the last step's dirty pages are written back now, not during this one
        long cpu = machineCpuTicks();
        long start = System.nanoTime();
        step.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Measurement(seconds, (machineCpuTicks() - cpu) / 100.0);
    }

    /** user + nice + system + irq + softirq ticks of all CPUs (USER_HZ is 100 on Linux). */
    private static long machineCpuTicks() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        return Long.parseLong(fields[1]) + Long.parseLong(fields[2]) + Long.parseLong(fields[3])
                + Long.parseLong(fields[6]) + Long.parseLong(fields[7]);
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
