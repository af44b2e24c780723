package io.logmirror.sink.loki.internal;

import io.logmirror.core.sink.SinkBackend;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LokiBackendTest {

    @Test
    void acceptsEvery2xx() {
        assertThat(LokiBackend.answer(204, "").status()).isEqualTo(SinkBackend.Status.ACCEPTED);
        assertThat(LokiBackend.answer(200, "").status()).isEqualTo(SinkBackend.Status.ACCEPTED);
    }

    @Test
    void retriesOverloadOutagesAndAuthProblems() {
        for (int status : new int[] {429, 500, 502, 503, 504, 401, 403, 404}) {
            assertThat(LokiBackend.answer(status, "x").status()).as("%d", status).isEqualTo(SinkBackend.Status.RETRY);
        }
    }

    @Test
    void dropsWhatLokiRefusesForGoodAndSaysWhy() {
        SinkBackend.Result result = LokiBackend.answer(400, "entry too far behind\n");

        assertThat(result.status()).isEqualTo(SinkBackend.Status.REJECTED);
        assertThat(result.detail()).isEqualTo("Loki answered 400: entry too far behind");
    }
}
