package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sender reads an endpoint's URL, headers and keys at most once per endpoint-cache-ttl (1 s). */
@QuarkusTest
class EndpointTargetCacheTest {

    @Inject
    DeliveryRows rows;
    @Inject
    DeliveryInputs inputs;

    @Test
    void anEndpointIsReadOnceAndAgainWhenItsCacheTimeIsOver() throws Exception {
        String endpointId = rows.endpoint("http://127.0.0.1:9/before");
        Instant now = Instant.now();

        assertThat(inputs.endpoints(List.of(endpointId), now).get(endpointId).url()).endsWith("/before");
        rows.update("update endpoint set url = 'http://127.0.0.1:9/after' where id = ?", endpointId);

        assertThat(inputs.endpoints(List.of(endpointId), now.plusMillis(900)).get(endpointId).url())
                .endsWith("/before");
        assertThat(inputs.endpoints(List.of(endpointId), now.plusMillis(1000)).get(endpointId).url())
                .endsWith("/after");
    }

    @Test
    void anEndpointThatIsGoneIsNotReturned() throws Exception {
        String endpointId = rows.endpoint("http://127.0.0.1:9/gone");
        rows.update("delete from endpoint where id = ?", endpointId);

        assertThat(inputs.endpoints(List.of(endpointId), Instant.now())).isEmpty();
    }
}
