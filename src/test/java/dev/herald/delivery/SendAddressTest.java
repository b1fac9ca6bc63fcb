package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.endpoint.AddressPolicy;
import dev.herald.endpoint.UrlPolicy;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendAddressTest {

    private final SendAddress strict = new SendAddress(new UrlPolicy(true, new AddressPolicy(List.of())));

    @Test
    void aHostNameThatResolvesToLoopbackIsRefused() throws Exception {
        SendAddress.Resolved resolved = strict.resolve(URI.create("http://localhost:8080/hook"));

        assertThat(resolved.address()).isNull();
        assertThat(resolved.refusal()).contains("localhost").contains("loopback");
    }

    @Test
    void theMetadataAddressIsRefused() throws Exception {
        assertThat(strict.resolve(URI.create("http://169.254.169.254/latest/meta-data")).refusal())
                .contains("link-local");
    }

    @Test
    void anAllowlistedAddressIsResolvedToTheAddressToConnectTo() throws Exception {
        SendAddress lenient = new SendAddress(new UrlPolicy(true, new AddressPolicy(List.of("127.0.0.1/32"))));

        SendAddress.Resolved resolved = lenient.resolve(URI.create("http://127.0.0.1:9/hook"));

        assertThat(resolved.refusal()).isNull();
        assertThat(resolved.address().getHostAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void aHostIsResolvedOnceAndItsVerdictServedFromTheCacheAfterwards() throws Exception {
        URI hook = URI.create("http://localhost:8080/hook");
        assertThat(strict.cached(hook)).isNull();

        SendAddress.Resolved first = strict.resolve(hook);

        assertThat(strict.cached(URI.create("http://localhost:9999/other"))).isSameAs(first);
        assertThat(strict.cached(hook).refusal()).contains("loopback");
        assertThat(strict.cached(URI.create("http://127.0.0.1:8080/hook"))).isNull();
    }
}
