package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class AttemptOutcomeTest {

    @Test
    void only2xxIsASuccess() {
        assertThat(AttemptOutcome.ofStatus(200, Optional.empty()).succeeded()).isTrue();
        assertThat(AttemptOutcome.ofStatus(204, Optional.empty()).succeeded()).isTrue();
        for (int status : new int[] {301, 302, 400, 404, 429, 500, 503}) {
            AttemptOutcome outcome = AttemptOutcome.ofStatus(status, Optional.empty());
            assertThat(outcome.succeeded()).isFalse();
            assertThat(outcome.errorKind()).isEqualTo(ErrorKind.HTTP_STATUS);
        }
        assertThat(AttemptOutcome.ofStatus(302, Optional.empty()).errorDetail()).contains("not followed");
    }

    @Test
    void goneDisablesTheEndpointAndOthersDoNot() {
        assertThat(AttemptOutcome.ofStatus(410, Optional.empty()).disablesEndpoint()).isTrue();
        assertThat(AttemptOutcome.ofStatus(404, Optional.empty()).disablesEndpoint()).isFalse();
    }

    @Test
    void retryAfterCountsOnlyOn429And503() {
        assertThat(AttemptOutcome.ofStatus(429, Optional.of(Duration.ofSeconds(3))).retryAfter()).isPresent();
        assertThat(AttemptOutcome.ofStatus(500, Optional.of(Duration.ofSeconds(3))).retryAfter()).isEmpty();
    }

    @Test
    void clientErrorsAreClassified() {
        assertThat(AttemptOutcome.ofError(new TimeoutException("x")).errorKind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(AttemptOutcome.ofError(new VertxException(new ConnectException("refused"))).errorKind())
                .isEqualTo(ErrorKind.CONNECTION);
        assertThat(AttemptOutcome.ofError(new SSLHandshakeException("bad cert")).errorKind()).isEqualTo(ErrorKind.TLS);
        assertThat(AttemptOutcome.ofError(new VertxException("Connection reset")).errorKind())
                .isEqualTo(ErrorKind.CONNECTION);
        assertThat(AttemptOutcome.ofError(new TimeoutException("x")).throttles()).isTrue();
    }
}
