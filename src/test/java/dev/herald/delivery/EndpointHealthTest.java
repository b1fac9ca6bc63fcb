package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Since when an endpoint has been failing, as the recorder keeps it. */
@QuarkusTest
class EndpointHealthTest {

    @Inject
    DeliveryRows rows;
    @Inject
    EndpointHealth health;

    private String endpointId;

    @BeforeEach
    void anEndpoint() {
        endpointId = rows.endpoint("http://127.0.0.1:9/health");
    }

    @Test
    void aFailureMarksTheEndpointFailingAndASuccessClearsIt() throws Exception {
        Instant now = Instant.now();

        health.track(List.of(endpointId), List.of(), now);
        assertThat(failing()).isTrue();

        health.track(List.of(), List.of(endpointId), now.plusSeconds(1));
        assertThat(failing()).isFalse();
    }

    @Test
    void anEndpointJustSeenHealthyIsCheckedAgainOnlyAfterTheRecheckTime() throws Exception {
        Instant now = Instant.now();
        health.track(List.of(), List.of(endpointId), now);
        // Another instance saw it fail meanwhile.
        rows.update("insert into endpoint_health (endpoint_id, failing_since) values (?, ?)", endpointId,
                DeliveryRows.ts(now));

        health.track(List.of(), List.of(endpointId), now.plusSeconds(1));
        assertThat(failing()).as("not looked at again so soon").isTrue();

        health.track(List.of(), List.of(endpointId), now.plus(Duration.ofSeconds(5)));
        assertThat(failing()).isFalse();
    }

    @Test
    void aFailureOnThisInstanceIsRecordedAtOnceEvenRightAfterASuccess() throws Exception {
        Instant now = Instant.now();
        health.track(List.of(), List.of(endpointId), now);

        health.track(List.of(endpointId), List.of(), now.plusMillis(10));

        assertThat(failing()).isTrue();
    }

    private boolean failing() {
        return rows.count("select count(*) from endpoint_health where endpoint_id = ? and failing_since is not null",
                endpointId) > 0;
    }
}
