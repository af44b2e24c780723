package io.logmirror.sync.ssh.internal;

import io.logmirror.core.LogPath;
import io.logmirror.core.RangeRequest;
import io.logmirror.core.RemoteFile;
import io.logmirror.sync.ssh.TransferCompression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader of the transfer stream, fed with what the real script prints (run here with the machine's {@code sh},
 * no SSH), then cut or altered.
 */
class FetchResponseTest {

    @TempDir
    Path folder;

    private List<RangeRequest> requests() throws IOException {
        Files.createDirectories(folder.resolve("sub"));
        Files.write(folder.resolve("a.log"), bytes(3_000, 1));
        Files.write(folder.resolve("sub/b.log"), bytes(5_000, 2));
        Files.write(folder.resolve("empty.log"), new byte[0]);
        Files.write(folder.resolve("big.log"), bytes(2_000_000, 3));
        Files.write(folder.resolve("grown.log"), bytes(200_000, 4));
        List<RangeRequest> requests = new ArrayList<>();
        for (String name : new String[] {"a.log", "sub/b.log", "empty.log", "big.log"}) {
            requests.add(new RangeRequest(file(name), 0, Long.MAX_VALUE));
        }
        requests.add(new RangeRequest(file("grown.log"), 150_000, 100_000));
        return requests;
    }

    private RemoteFile file(String name) throws IOException {
        Path path = folder.resolve(name);
        return RemoteFile.of(LogPath.of(name), Files.size(path), Files.getLastModifiedTime(path).toInstant());
    }

    private static byte[] bytes(int size, int seed) {
        byte[] bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** What the script prints for {@code plan}, run locally. */
    private byte[] scriptOutput(FetchPlan plan) throws Exception {
        Process process = new ProcessBuilder("sh", "-c", FetchScript.script(folder.toString(), TransferCompression.NONE))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(plan.requestBytes());
        }
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
        return out;
    }

    private byte[] expected(RangeRequest request) throws IOException {
        byte[] all = Files.readAllBytes(folder.resolve(request.file().path().toString()));
        int from = (int) Math.min(all.length, request.offset());
        return Arrays.copyOfRange(all, from, (int) Math.min(all.length, from + Math.min(request.length(), all.length)));
    }

    @Test
    void handsOverEveryRangeOfAnUncutStream() throws Exception {
        List<RangeRequest> requests = requests();
        FetchPlan plan = FetchPlan.of(requests, false);
        CollectingReceiver receiver = new CollectingReceiver();

        FetchResponse.Outcome outcome = new FetchResponse(new ByteArrayInputStream(scriptOutput(plan)), receiver, "test")
                .read(plan);

        assertThat(outcome.retry()).isEmpty();
        assertThat(receiver.failures).isEmpty();
        for (RangeRequest request : requests) {
            assertThat(receiver.bytes(request.file().path().toString())).isEqualTo(expected(request));
        }
    }

    @Test
    void aStreamCutAnywhereAnswersEveryRequestOnceWithValidPrefixesAndFailures() throws Exception {
        List<RangeRequest> requests = requests();
        FetchPlan plan = FetchPlan.of(requests, false);
        byte[] full = scriptOutput(plan);
        List<Integer> cuts = new ArrayList<>();
        for (int cut = 0; cut < 400; cut++) {
            cuts.add(cut); // inside the marker and the first group's header and stats
        }
        for (int cut = 400; cut < full.length; cut += 4999) {
            cuts.add(cut);
        }
        cuts.add(full.length - 2); // inside the end marker
        for (int cut : cuts) {
            CollectingReceiver receiver = new CollectingReceiver();

            FetchResponse.Outcome outcome = new FetchResponse(
                    new ByteArrayInputStream(Arrays.copyOf(full, cut)), receiver, "test").read(plan);

            assertThat(outcome.retry()).as("cut at %d", cut).isEmpty();
            assertThat(receiver.calls.get()).as("cut at %d", cut).isEqualTo(requests.size());
            for (RangeRequest request : requests) {
                String path = request.file().path().toString();
                CollectingReceiver.Got got = receiver.ranges.get(path);
                if (got == null) {
                    assertThat(receiver.failures).as("cut at %d", cut).containsKey(path);
                    continue;
                }
                byte[] expected = expected(request);
                if (got.readFailure() == null) {
                    assertThat(got.bytes()).as("%s, cut at %d", path, cut).isEqualTo(expected);
                } else {
                    assertThat(got.readFailure()).hasMessageContaining("broke");
                    assertThat(got.bytes().length).as("%s, cut at %d", path, cut).isLessThan(expected.length);
                    assertThat(got.bytes()).isEqualTo(Arrays.copyOf(expected, got.bytes().length));
                }
            }
        }
    }

    @Test
    void aGroupWhoseFileChangedWhileReadHandsOverTheFilesBeforeItAndAsksForTheRestAgain() throws Exception {
        List<RangeRequest> requests = requests().subList(0, 3); // a.log, sub/b.log, empty.log: one group
        FetchPlan plan = FetchPlan.of(requests, false);
        String output = new String(scriptOutput(plan), StandardCharsets.ISO_8859_1);
        // the state after the read says sub/b.log was replaced meanwhile (same size and time, another inode)
        int after = output.lastIndexOf("f 5000 ");
        String line = output.substring(after, output.indexOf('\n', after));
        String[] fields = line.split(" ", 6);
        String changed = output.substring(0, after) + String.join(" ", fields[0], fields[1], fields[2], fields[3], "1", fields[5])
                + output.substring(output.indexOf('\n', after));
        CollectingReceiver receiver = new CollectingReceiver();

        FetchResponse.Outcome outcome = new FetchResponse(
                new ByteArrayInputStream(changed.getBytes(StandardCharsets.ISO_8859_1)), receiver, "test").read(plan);

        List<String> order = plan.items().get(0).members().stream().map(m -> m.request().file().path().toString()).toList();
        int changedAt = order.indexOf("sub/b.log");
        assertThat(outcome.retry()).extracting(r -> r.file().path().toString())
                .containsExactlyElementsOf(order.subList(changedAt, order.size()));
        assertThat(receiver.ranges.keySet()).containsExactlyInAnyOrderElementsOf(order.subList(0, changedAt));
        assertThat(receiver.failures).isEmpty();
    }

    @Test
    void aRangeThatShrankWhileReadFailsBeforeItsLastBytesAreHandedOver() throws Exception {
        RangeRequest request = new RangeRequest(RemoteFile.of(LogPath.of("x.log"), 100_000, Instant.EPOCH), 0, Long.MAX_VALUE);
        FetchPlan plan = FetchPlan.of(List.of(request), true);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes((FetchScript.MARKER + "\nD 100000 1.0 100000 ./x.log\n").getBytes(StandardCharsets.ISO_8859_1));
        stream.writeBytes(bytes(40_000, 5));
        stream.writeBytes(new byte[60_000]); // the padding after dd found the end early
        stream.writeBytes("C 40000\nE\n".getBytes(StandardCharsets.ISO_8859_1));
        CollectingReceiver receiver = new CollectingReceiver();

        new FetchResponse(new ByteArrayInputStream(stream.toByteArray()), receiver, "test").read(plan);

        CollectingReceiver.Got got = receiver.ranges.get("x.log");
        assertThat(got.readFailure()).hasMessageContaining("shrank while it was read");
        assertThat(got.bytes().length).isLessThanOrEqualTo(100_000 - FetchResponse.HOLD_BACK);
        assertThat(receiver.calls.get()).isEqualTo(1);
    }

    @Test
    void aGarbledStreamFailsEveryRequestNotAnsweredYet() throws Exception {
        List<RangeRequest> requests = requests();
        FetchPlan plan = FetchPlan.of(requests, false);
        byte[] garbled = (FetchScript.MARKER + "\nW two 12\n").getBytes(StandardCharsets.ISO_8859_1);
        CollectingReceiver receiver = new CollectingReceiver();

        new FetchResponse(new ByteArrayInputStream(garbled), receiver, "test").read(plan);

        assertThat(receiver.failures).hasSize(requests.size());
        assertThat(receiver.failures.values()).allSatisfy(e -> assertThat(e).hasMessageContaining("did not arrive"));
    }
}
