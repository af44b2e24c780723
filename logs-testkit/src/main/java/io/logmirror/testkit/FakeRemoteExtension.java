package io.logmirror.testkit;

import io.logmirror.fakecluster.FakeRemote;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.testkit.internal.Folders;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A JUnit 5 extension that gives every test a fresh {@link FakeRemote} and an empty data folder, and cleans
 * both up afterwards (along with every mirror opened through {@link #openMirror()}).
 *
 * <p>Inject them as test-method parameters:
 * <pre>{@code
 * @ExtendWith(FakeRemoteExtension.class)
 * class MyTest {
 *     @Test
 *     void mirrorsTheClusterLogs(FakeRemote remote, @DataDirectory Path data) throws Exception {
 *         remote.write("slurm-1.out", "hello\n");
 *         try (LogMirror mirror = LogMirror.open(LogMirrorConfig.builder(data, remote).build())) {
 *             mirror.syncNow();
 *         }
 *     }
 * }
 * }</pre>
 * or register it in a field and use its accessors:
 * <pre>{@code
 * @RegisterExtension
 * final FakeRemoteExtension cluster = new FakeRemoteExtension().remoteBuilder(b -> b.name("meluxina"));
 *
 * @Test
 * void mirrors() throws Exception {
 *     cluster.remote().write("slurm-1.out", "hello\n");
 *     LogMirror mirror = cluster.openMirror(config -> config.exclude("*.tmp")); // closed after the test
 *     mirror.syncNow();
 * }
 * }</pre>
 *
 * <p>The fake and the folder are created before each test and discarded after it. Parameters are resolved
 * for test methods and {@code @BeforeEach}/{@code @AfterEach} methods, not for constructors or {@code @BeforeAll}. The accessors follow the test running now, so a static field works with tests run one
 * at a time (JUnit's default); with parallel test execution, use parameters.
 */
public final class FakeRemoteExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FakeRemoteExtension.class);

    private Consumer<FakeRemote.Builder> remoteCustomizer = builder -> { };
    private volatile State current;

    /** An extension giving default fakes ({@code fake://cluster}, system clock). */
    public FakeRemoteExtension() {
    }

    /** Customizes every fake this extension creates, for example {@code b -> b.name("meluxina").parallelism(8)}. */
    public FakeRemoteExtension remoteBuilder(Consumer<FakeRemote.Builder> customizer) {
        this.remoteCustomizer = Objects.requireNonNull(customizer, "customizer");
        return this;
    }

    /** The current test's fake. */
    public FakeRemote remote() {
        return requireCurrent("remote()").remote;
    }

    /** The current test's data folder: empty at the start of the test, deleted after it. */
    public Path dataDirectory() {
        return requireCurrent("dataDirectory()").dataDirectory;
    }

    /** A configuration builder mirroring the current test's fake into its data folder. */
    public LogMirrorConfig.Builder configBuilder() {
        State state = requireCurrent("configBuilder()");
        return LogMirrorConfig.builder(state.dataDirectory, state.remote);
    }

    /** Opens a mirror with the default configuration; it is closed after the test. */
    public LogMirror openMirror() throws IOException {
        return openMirror(UnaryOperator.identity());
    }

    /** Opens a mirror with a configuration {@code customize} adjusts; it is closed after the test. */
    public LogMirror openMirror(UnaryOperator<LogMirrorConfig.Builder> customize) throws IOException {
        State state = requireCurrent("openMirror()");
        LogMirror mirror = LogMirror.open(customize.apply(LogMirrorConfig.builder(state.dataDirectory, state.remote)).build());
        synchronized (state.mirrors) {
            state.mirrors.add(mirror);
        }
        return mirror;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        state(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        if (!(parameter.getDeclaringExecutable() instanceof Method) || extension.getTestMethod().isEmpty()) {
            return false;
        }
        Class<?> type = parameter.getParameter().getType();
        return type == FakeRemote.class || (type == Path.class && parameter.isAnnotated(DataDirectory.class));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        State state = state(extension);
        return parameter.getParameter().getType() == FakeRemote.class ? state.remote : state.dataDirectory;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        State state = context.getStore(NAMESPACE).remove(State.class, State.class);
        if (state != null) {
            if (current == state) {
                current = null;
            }
            state.discard();
        }
    }

    private State state(ExtensionContext context) {
        State state = context.getStore(NAMESPACE).getOrComputeIfAbsent(State.class, key -> newState(), State.class);
        current = state;
        return state;
    }

    private State newState() {
        FakeRemote.Builder builder = FakeRemote.builder();
        remoteCustomizer.accept(builder);
        try {
            return new State(builder.build(), Files.createTempDirectory("logmirror-test-data-"));
        } catch (IOException e) {
            throw new ParameterResolutionException("cannot create a temporary data folder under "
                    + System.getProperty("java.io.tmpdir") + " (" + e + "); check that it exists and is writable", e);
        }
    }

    private State requireCurrent(String accessor) {
        State state = current;
        if (state == null) {
            throw new IllegalStateException("FakeRemoteExtension." + accessor + " was called outside a test: register the extension with "
                    + "@RegisterExtension and call it from a test or @BeforeEach method, or inject FakeRemote / @DataDirectory Path parameters");
        }
        return state;
    }

    /** One test's fake, folder and mirrors; kept in the test's store, and in {@link #current} for the accessors. */
    private final class State {
        final FakeRemote remote;
        final Path dataDirectory;
        final List<LogMirror> mirrors = new ArrayList<>();

        State(FakeRemote remote, Path dataDirectory) {
            this.remote = remote;
            this.dataDirectory = dataDirectory;
        }

        void discard() {
            List<Throwable> problems = new ArrayList<>();
            synchronized (mirrors) {
                for (LogMirror mirror : mirrors) {
                    try {
                        mirror.close();
                    } catch (IOException | RuntimeException e) {
                        problems.add(e);
                    }
                }
            }
            remote.destroy();
            try {
                Folders.deleteTree(dataDirectory);
            } catch (IOException e) {
                problems.add(e);
            }
            if (!problems.isEmpty()) {
                UncheckedIOException failure = new UncheckedIOException(new IOException(
                        "FakeRemoteExtension could not clean up after the test (data folder " + dataDirectory + ")"));
                problems.forEach(failure::addSuppressed);
                throw failure;
            }
        }
    }
}
