package io.logmirror.patterns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logmirror.patterns.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LevelScannerTest {

    @ParameterizedTest(name = "{1} in: {0}")
    @CsvSource(delimiter = '|', value = {
        // vLLM, also behind a worker prefix
        "INFO 12-07 10:00:01 [api_server.py:1043] vLLM API server version 0.9.1 | INFO",
        "WARNING 12-07 10:00:09 [config.py:1131] Possibly too large swap space. | WARNING",
        "ERROR 12-07 10:03:03 [core.py:515] EngineCore failed to start. | ERROR",
        "(VllmWorker rank=0 pid=31337) ERROR 12-07 10:03:01 [multiproc_executor.py:527] WorkerProc hit an exception. | ERROR",
        // Python logging
        "WARNING:root:HF_TOKEN is not set | WARNING",
        "CRITICAL:orchestrator:giving up | CRITICAL",
        "2026-12-07 09:10:31,090 - train - WARNING - gradient norm 153.2 | WARNING",
        "2026-12-07 11:00:06,101 ERROR launcher: replica 0 exited | ERROR",
        // logfmt and JSON
        "time=\"2026-12-07T12:00:13Z\" level=error msg=\"connection refused\" | ERROR",
        "ts=2026-12-07T12:00:13Z lvl=warn msg=slow | WARNING",
        "ts=1 caller=main.go:12 severity=\"fatal\" msg=boom | CRITICAL",
        "{\"ts\":\"2026-12-07T12:00:16.000Z\",\"level\":\"error\",\"msg\":\"context deadline exceeded\"} | ERROR",
        // glog / klog
        "E1207 12:00:19.123456  48213 grpc_client.cc:311] RPC failed | ERROR",
        "W1207 12:00:20.000000  48213 grpc_client.cc:320] retrying | WARNING",
        "F1207 12:00:21.000000  48213 main.cc:1] check failed | CRITICAL",
        // brackets and colons
        "[2026-12-07 12:00:15] [ERROR] client: 17 of 64 requests failed | ERROR",
        "[warn] disk almost full | WARNING",
        "srun: error: mel2101: task 0: Exited with exit code 1 | ERROR",
        "warning: ignoring unknown option | WARNING",
        // Java
        "2026-12-07 13:00:05.377 ERROR 4242 --- [pool-1-thread-3] i.l.b.ResultCollector : parse failed | ERROR",
        "13:00:06.512 [main] WARN  i.l.bench.Scheduler - queue depth 57 | WARNING",
        "SEVERE: report upload failed | ERROR",
        // Go
        "2026-12-07T12:00:17.000Z\tWARN\tclient/pool.go:240\tslow response | WARNING",
        "12:00:18 ERR client/pool.go:251 > giving up | ERROR",
        "panic: runtime error: index out of range | CRITICAL",
    })
    void findsTheLevelOfEveryCommonFormat(String line, Level expected) {
        assertThat(LevelScanner.detect(line)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "Connection Error while talking to mel2101",
        "the request failed with an error in the backend",
        "E1207 was the code name",
        "Information about the run follows",
        "step 100/10000 loss=2.3141 lr=3.0e-04",
        "  File \"/opt/x.py\", line 3, in <module>",
        "one two three four five six seven ERROR after the header",
    })
    void findsNoLevelInProseOrPastTheHeader(String line) {
        assertThat(LevelScanner.detect(line)).isNull();
    }
}
