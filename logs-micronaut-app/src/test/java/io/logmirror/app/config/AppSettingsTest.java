package io.logmirror.app.config;

import io.logmirror.sync.ssh.HostKeyPolicy;
import io.logmirror.sync.ssh.TransferCompression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppSettingsTest {

    @TempDir
    Path dir;

    private Map<String, String> ssh(String... more) throws Exception {
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
        Map<String, String> variables = new HashMap<>(Map.of("SSH_HOST", "login.lxp.lu", "SSH_USER", "u100000",
                "SSH_KNOWN_HOSTS", knownHosts.toString()));
        for (int i = 0; i < more.length; i += 2) {
            variables.put(more[i], more[i + 1]);
        }
        return variables;
    }

    @Test
    void runsTheDemoWithTheDocumentedDefaultsWhenNothingIsSet() {
        AppSettings settings = AppSettings.from(Map.of());
        assertThat(settings.mode()).isEqualTo(Mode.DEMO);
        assertThat(settings.sshPort()).isEqualTo(22);
        assertThat(settings.remoteBasePath()).isEqualTo("~/ai-factory-benchmarks");
        assertThat(settings.syncInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.logLevel()).isEqualTo("INFO");
        assertThat(settings.dataDir()).isEqualTo(Path.of("data", "demo").toAbsolutePath());
        assertThat(settings.port()).isEqualTo(8004);
        assertThat(settings.dataDirMinFree()).isEqualTo(1024L * 1024 * 1024);
        assertThat(settings.hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
        assertThat(settings.sshCompression()).isFalse();
        assertThat(settings.sshChannels()).isEqualTo(4);
        assertThat(settings.sshConnections()).isEqualTo(1);
        assertThat(settings.apiToken()).isEmpty();
        assertThat(settings.categoryRules()).isEmpty();
        assertThat(settings.searchMaxLimit()).isEqualTo(100_000);
        assertThat(settings.searchTimeLimit()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsTheSearchLimits() {
        AppSettings settings = AppSettings.from(Map.of("SEARCH_MAX_LIMIT", "5000", "SEARCH_TIME_LIMIT", "120"));

        assertThat(settings.searchMaxLimit()).isEqualTo(5000);
        assertThat(settings.searchTimeLimit()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void choosesSshModeWhenSshHostIsSet() throws Exception {
        AppSettings settings = AppSettings.from(ssh("SSH_PORT", "8822", "REMOTE_BASE_PATH", "~/bench"));
        assertThat(settings.mode()).isEqualTo(Mode.SSH);
        assertThat(settings.sshHost()).contains("login.lxp.lu");
        assertThat(settings.sshUser()).contains("u100000");
        assertThat(settings.sshPort()).isEqualTo(8822);
        assertThat(settings.remoteBasePath()).isEqualTo("~/bench");
    }

    @Test
    void keepsTheMirrorInDataOutsideDemoMode() throws Exception {
        assertThat(AppSettings.from(ssh()).dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(AppSettings.from(Map.of("LOGS_MODE", "offline")).dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void readsTheDataDiskThresholdInMebibytesWhereZeroTurnsItOff() {
        assertThat(AppSettings.from(Map.of("DATA_DIR_MIN_FREE_MB", "5")).dataDirMinFree()).isEqualTo(5L << 20);
        assertThat(AppSettings.from(Map.of("DATA_DIR_MIN_FREE_MB", "0")).dataDirMinFree()).isZero();
        assertThat(AppSettings.from(Map.of("DATA_DIR_MIN_FREE_MB", "1048576")).dataDirMinFree()).isEqualTo(1L << 40);
    }

    @Test
    void treatsAnEmptyValueAsNotSet() {
        AppSettings settings = AppSettings.from(Map.of("SSH_HOST", "", "PORT", " ", "API_TOKEN", ""));
        assertThat(settings.mode()).isEqualTo(Mode.DEMO);
        assertThat(settings.port()).isEqualTo(8004);
        assertThat(settings.apiToken()).isEmpty();
    }

    @Test
    void expandsTheHomeFolderInPaths() throws Exception {
        AppSettings settings = AppSettings.from(Map.of("DATA_DIR", "~/mirror"));
        assertThat(settings.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), "mirror"));
    }

    @Test
    void readsThePassphraseFromAFileWithoutItsFinalNewline() throws Exception {
        Path file = Files.writeString(dir.resolve("pass"), "s3cret pass\n");
        AppSettings settings = AppSettings.from(ssh("SSH_KEY_PASSPHRASE_FILE", file.toString()));
        assertThat(settings.sshKeyPassphrase()).map(AppSettings.Secret::value).contains("s3cret pass");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void neverShowsTheApiTokenInToString() {
        AppSettings settings = AppSettings.from(Map.of("API_TOKEN", "tok-123"));
        assertThat(settings.apiToken()).map(AppSettings.Secret::value).contains("tok-123");
        assertThat(settings.toString()).doesNotContain("tok-123");
    }

    @Test
    void acceptsPythonLogLevelNames() {
        assertThat(AppSettings.from(Map.of("LOG_LEVEL", "warning")).logLevel()).isEqualTo("WARN");
        assertThat(AppSettings.from(Map.of("LOG_LEVEL", "CRITICAL")).logLevel()).isEqualTo("ERROR");
        assertThat(AppSettings.from(Map.of("LOG_LEVEL", "debug")).logLevel()).isEqualTo("DEBUG");
    }

    @Test
    void acceptsAcceptNewAsHostKeyPolicyWithoutAKnownHostsFile() {
        AppSettings settings = AppSettings.from(Map.of("SSH_HOST", "h", "SSH_USER", "u",
                "SSH_STRICT_HOST_KEY_CHECKING", "accept-new", "SSH_KNOWN_HOSTS", dir.resolve("absent").toString()));
        assertThat(settings.hostKeyPolicy()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
    }

    @Test
    void offlineModeHasNoRemote() {
        assertThat(AppSettings.from(Map.of("LOGS_MODE", "offline")).mode()).isEqualTo(Mode.OFFLINE);
    }

    @ParameterizedTest(name = "{0}={1} is refused naming the variable")
    @CsvSource(delimiter = '|', value = {
            "SSH_PORT|abc|SSH_PORT='abc' is not allowed: use a whole number from 1 to 65535",
            "SSH_PORT|0|SSH_PORT='0' is not allowed: use a whole number from 1 to 65535",
            "SSH_PORT|65536|SSH_PORT='65536' is not allowed",
            "SYNC_INTERVAL|0|SYNC_INTERVAL='0' is not allowed: use a whole number from 1 to 86400",
            "SYNC_INTERVAL|1.5|SYNC_INTERVAL='1.5' is not allowed",
            "PORT|http|PORT='http' is not allowed: use a whole number from 1 to 65535",
            "DATA_DIR_MIN_FREE_MB|-1|DATA_DIR_MIN_FREE_MB='-1' is not allowed: use a whole number from 0 to 1048576 (default 1024)",
            "DATA_DIR_MIN_FREE_MB|1GB|DATA_DIR_MIN_FREE_MB='1GB' is not allowed: use a whole number from 0 to 1048576",
            "DATA_DIR_MIN_FREE_MB|1048577|DATA_DIR_MIN_FREE_MB='1048577' is not allowed",
            "LOG_LEVEL|LOUD|LOG_LEVEL='LOUD' is not allowed: use TRACE, DEBUG, INFO",
            "SSH_STRICT_HOST_KEY_CHECKING|no|SSH_STRICT_HOST_KEY_CHECKING='no' is not allowed: use yes",
            "SSH_COMPRESSION|zlib|SSH_COMPRESSION='zlib' is not allowed: use yes or no (default no)",
            "SSH_TRANSFER_COMPRESSION|lz4|SSH_TRANSFER_COMPRESSION='lz4' is not allowed: use auto (the default",
            "SSH_CHANNELS|0|SSH_CHANNELS='0' is not allowed: use a whole number from 1 to 16 (default 4)",
            "SSH_CONNECTIONS|5|SSH_CONNECTIONS='5' is not allowed: use a whole number from 1 to 4 (default 1)",
            "LOGS_MODE|cloud|LOGS_MODE='cloud' is not allowed: use auto (the default), ssh, local, demo or offline",
            "SSH_HOST|me@login.lxp.lu|SSH_HOST='me@login.lxp.lu' is not allowed: use a host name or an IP address",
            "SSH_USER|a b|SSH_USER='a b' is not allowed: use a plain user name",
            "SEARCH_MAX_LIMIT|0|SEARCH_MAX_LIMIT='0' is not allowed: use a whole number from 1 to 10000000 (default 100000)",
            "SEARCH_TIME_LIMIT|0|SEARCH_TIME_LIMIT='0' is not allowed: use a whole number from 1 to 3600 (default 30)",
            "SEARCH_TIME_LIMIT|1m|SEARCH_TIME_LIMIT='1m' is not allowed",
    })
    void refusesABadValueNamingTheVariableAndWhatIsAllowed(String name, String value, String message) throws Exception {
        assertThatThrownBy(() -> AppSettings.from(ssh(name, value)))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "SSH_COMPRESSION={0}")
    @CsvSource({"yes,true", "YES,true", "true,true", "no,false", "False,false"})
    void readsSshCompressionAsSshConfigWritesIt(String value, boolean compression) throws Exception {
        AppSettings settings = AppSettings.from(ssh("SSH_COMPRESSION", value));

        assertThat(settings.sshCompression()).isEqualTo(compression);
        assertThat(MirrorFactory.sshSettings(settings).compression()).isEqualTo(compression);
    }

    @ParameterizedTest(name = "SSH_TRANSFER_COMPRESSION={0}")
    @CsvSource({"auto,AUTO", "zstd,ZSTD", "GZIP,GZIP", "none,NONE"})
    void readsTheTransferCompressionAndHandsItToTheSshSource(String value, TransferCompression expected) throws Exception {
        AppSettings settings = AppSettings.from(ssh("SSH_TRANSFER_COMPRESSION", value));

        assertThat(settings.sshTransferCompression()).isEqualTo(expected);
        assertThat(MirrorFactory.sshSettings(settings).transferCompression()).isEqualTo(expected);
        assertThat(MirrorFactory.sshSettings(AppSettings.from(ssh("SSH_PORT", "22"))).transferCompression())
                .isEqualTo(TransferCompression.AUTO);
    }

    @Test
    void spreadsReadsOverTheConnectionsAndChannelsAskedFor() throws Exception {
        AppSettings settings = AppSettings.from(ssh("SSH_CHANNELS", "6", "SSH_CONNECTIONS", "2"));

        assertThat(MirrorFactory.sshSettings(settings).channels()).isEqualTo(6);
        assertThat(MirrorFactory.sshSettings(settings).connections()).isEqualTo(2);
        assertThatThrownBy(() -> AppSettings.from(ssh("SSH_CHANNELS", "2", "SSH_CONNECTIONS", "3")))
                .hasMessageContaining("SSH_CONNECTIONS='3' is not allowed: use at most SSH_CHANNELS (2)");
    }

    @Test
    void requiresSshUserWithSshHost() {
        assertThatThrownBy(() -> AppSettings.from(Map.of("SSH_HOST", "login.lxp.lu")))
                .hasMessageContaining("SSH_USER is not set: required with SSH_HOST");
    }

    @Test
    void requiresSshHostWhenSshModeIsAskedFor() {
        assertThatThrownBy(() -> AppSettings.from(Map.of("LOGS_MODE", "ssh", "SSH_USER", "u")))
                .hasMessageContaining("SSH_HOST is not set: LOGS_MODE=ssh needs");
    }

    @Test
    void refusesAKeyFileThatCannotBeRead() throws Exception {
        assertThatThrownBy(() -> AppSettings.from(ssh("SSH_KEY_PATH", dir.resolve("id_missing").toString())))
                .hasMessageContaining("SSH_KEY_PATH='" + dir.resolve("id_missing") + "' is not allowed: use a private key file");
    }

    @Test
    void refusesAMissingKnownHostsFileUnderStrictChecking() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> AppSettings.from(Map.of("SSH_HOST", "h", "SSH_USER", "u", "SSH_KNOWN_HOSTS", missing.toString())))
                .hasMessageContaining("SSH_KNOWN_HOSTS='" + missing + "' is not allowed")
                .hasMessageContaining("ssh-keyscan -p 22 h")
                .hasMessageContaining("accept-new");
    }

    @Test
    void refusesBothPassphraseVariablesAtOnce() throws Exception {
        Path file = Files.writeString(dir.resolve("pass"), "x");
        assertThatThrownBy(() -> AppSettings.from(ssh("SSH_KEY_PASSPHRASE", "y", "SSH_KEY_PASSPHRASE_FILE", file.toString())))
                .hasMessageContaining("SSH_KEY_PASSPHRASE and SSH_KEY_PASSPHRASE_FILE are both set");
    }

    @Test
    void refusesAPassphraseFileThatCannotBeRead() throws Exception {
        assertThatThrownBy(() -> AppSettings.from(ssh("SSH_KEY_PASSPHRASE_FILE", dir.resolve("nope").toString())))
                .hasMessageContaining("SSH_KEY_PASSPHRASE_FILE='" + dir.resolve("nope") + "' is not allowed: use a file this process can read");
    }

    @Test
    void refusesADataDirThatIsAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> AppSettings.from(Map.of("DATA_DIR", file.toString())))
                .hasMessageContaining("DATA_DIR='" + file + "' is not allowed: it is a file");
    }

    @Test
    void refusesAMissingCategoryRulesFile() {
        assertThatThrownBy(() -> AppSettings.from(Map.of("CATEGORY_RULES", dir.resolve("rules.yaml").toString())))
                .hasMessageContaining("CATEGORY_RULES='" + dir.resolve("rules.yaml") + "' is not allowed: use a readable YAML rule file");
    }

    @Test
    void refusesALocalLogsDirThatIsNotAFolder() {
        assertThatThrownBy(() -> AppSettings.from(Map.of("LOCAL_LOGS_DIR", dir.resolve("absent").toString())))
                .hasMessageContaining("LOCAL_LOGS_DIR='" + dir.resolve("absent") + "' is not allowed: use an existing folder");
    }

    @Test
    void refusesAnApiTokenWithSpaces() {
        assertThatThrownBy(() -> AppSettings.from(Map.of("API_TOKEN", "two words")))
                .hasMessageContaining("API_TOKEN='****' is not allowed: use printable characters without spaces")
                .hasMessageNotContaining("two words");
    }

    @Test
    void reportsEveryBadVariableAtOnce() {
        assertThatThrownBy(() -> AppSettings.from(Map.of("PORT", "x", "SYNC_INTERVAL", "y")))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("PORT="))
                        .anySatisfy(p -> assertThat(p).startsWith("SYNC_INTERVAL=")));
    }
}
