package io.logmirror.testkit;

import io.logmirror.fakecluster.FakeRemote;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

class FakeRemoteExtensionTest {

    @RegisterExtension
    final FakeRemoteExtension cluster = new FakeRemoteExtension().remoteBuilder(b -> b.name("meluxina").parallelism(3));

    private FakeRemote fromBeforeEach;

    @BeforeEach
    void rememberTheRemote(FakeRemote remote) {
        fromBeforeEach = remote;
    }

    @Test
    void injectsTheSameFakeIntoParametersAndAccessors(FakeRemote remote, @DataDirectory Path data) {
        assertThat(remote).isSameAs(cluster.remote()).isSameAs(fromBeforeEach);
        assertThat(data).isEqualTo(cluster.dataDirectory());
    }

    @Test
    void appliesTheRemoteCustomization(FakeRemote remote) {
        assertThat(remote.describe()).isEqualTo("fake://meluxina");
        assertThat(remote.preferredParallelism()).isEqualTo(3);
    }

    @Test
    void givesAnEmptyExistingDataFolder(@DataDirectory Path data) throws IOException {
        assertThat(data).isDirectory().isEmptyDirectory();
    }

    @Test
    void buildsAConfigurationForTheFakeAndTheFolder() {
        var config = cluster.configBuilder().build();

        assertThat(config.source()).isSameAs(cluster.remote());
        assertThat(config.dataDirectory()).isEqualTo(cluster.dataDirectory().toAbsolutePath().normalize());
    }

    @Test
    void saysWhatToDoWhenAnAccessorIsUsedOutsideATest() {
        FakeRemoteExtension unused = new FakeRemoteExtension();

        assertThatThrownBy(unused::remote).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("remote()").hasMessageContaining("@RegisterExtension");
    }

    @Test
    void givesEveryTestItsOwnFakeAndFolderAndDiscardsThemAfterwards() throws IOException {
        Sample.seen.clear();
        TestExecutionSummary summary = run(Sample.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(summary.getTotalFailureCount()).isZero();
        assertThat(Sample.seen).hasSize(2);
        Seen first = Sample.seen.get(0);
        Seen second = Sample.seen.get(1);
        assertThat(first.remote()).isNotSameAs(second.remote());
        assertThat(first.data()).isNotEqualTo(second.data());
        for (Seen seen : Sample.seen) {
            assertThat(seen.data()).doesNotExist();
            assertThatThrownBy(() -> seen.remote().list()).isInstanceOf(RuntimeException.class);
        }
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
    }

    record Seen(FakeRemote remote, Path data) { }

    /** Run through the launcher by the test above; harmless when run on its own. */
    @ExtendWith(FakeRemoteExtension.class)
    static class Sample {
        static final List<Seen> seen = new CopyOnWriteArrayList<>();

        @Test
        void one(FakeRemote remote, @DataDirectory Path data) throws IOException {
            remote.write("a.log", "x");
            Files.writeString(data.resolve("file"), "y");
            Files.createDirectories(data.resolve("categorized/x"));
            Files.createSymbolicLink(data.resolve("categorized/x/link"), Path.of("../../file"));
            seen.add(new Seen(remote, data));
        }

        @Test
        void two(FakeRemote remote, @DataDirectory Path data) {
            seen.add(new Seen(remote, data));
        }
    }
}
