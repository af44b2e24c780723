package io.logmirror.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code java.nio.file.Path} test-method parameter that {@link FakeRemoteExtension} fills with a fresh,
 * empty data folder for a mirror (deleted after the test).
 *
 * <pre>{@code
 * @Test
 * void mirrors(FakeRemote remote, @DataDirectory Path data) throws Exception { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface DataDirectory {
}
