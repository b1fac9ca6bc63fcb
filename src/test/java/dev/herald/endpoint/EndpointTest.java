package dev.herald.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static Endpoint endpoint(List<String> filterTypes, List<String> channels) {
        Endpoint endpoint = Endpoint.create("ten_1", "app_1", NOW);
        endpoint.configure("https://example.com", null, filterTypes, channels, null, null, null, NOW);
        return endpoint;
    }

    @Test
    void anEndpointWithoutFiltersAcceptsEveryMessage() {
        Endpoint all = endpoint(null, null);

        assertThat(all.accepts("invoice.paid", null)).isTrue();
        assertThat(all.accepts("invoice.paid", List.of("eu"))).isTrue();
    }

    @Test
    void aTypeFilterAcceptsOnlyItsTypes() {
        Endpoint paid = endpoint(List.of("invoice.paid"), null);

        assertThat(paid.accepts("invoice.paid", null)).isTrue();
        assertThat(paid.accepts("invoice.voided", null)).isFalse();
    }

    @Test
    void anEndpointWithChannelsAcceptsOnlyMessagesSharingOne() {
        Endpoint eu = endpoint(null, List.of("eu", "uk"));

        assertThat(eu.accepts("invoice.paid", List.of("us", "uk"))).isTrue();
        assertThat(eu.accepts("invoice.paid", List.of("us"))).isFalse();
        assertThat(eu.accepts("invoice.paid", null)).isFalse();
        assertThat(eu.accepts("invoice.paid", List.of())).isFalse();
    }

    @Test
    void typeAndChannelFiltersMustBothMatch() {
        Endpoint both = endpoint(List.of("invoice.paid"), List.of("eu"));

        assertThat(both.accepts("invoice.paid", List.of("eu"))).isTrue();
        assertThat(both.accepts("invoice.voided", List.of("eu"))).isFalse();
    }

    @Test
    void disablingRecordsTheFirstReasonAndEnablingClearsIt() {
        Endpoint endpoint = endpoint(null, null);
        Instant later = NOW.plusSeconds(60);

        endpoint.disable("410 Gone", NOW);
        endpoint.disable(Endpoint.DISABLED_BY_API, later);

        assertThat(endpoint.disabled).isTrue();
        assertThat(endpoint.disabledReason).isEqualTo("410 Gone");
        assertThat(endpoint.disabledAt).isEqualTo(NOW);

        endpoint.enable(later);

        assertThat(endpoint.disabled).isFalse();
        assertThat(endpoint.disabledReason).isNull();
        assertThat(endpoint.disabledAt).isNull();
        assertThat(endpoint.updatedAt).isEqualTo(later);
    }

    @Test
    void reservedHeadersAreRecognisedWhateverTheirCase() {
        assertThat(List.of("webhook-id", "Webhook-Signature", "CONTENT-TYPE", "Host", "transfer-encoding"))
                .allMatch(Endpoint::isReservedHeader);
        assertThat(List.of("X-Webhook-Id", "Authorization", "X-Api-Key")).noneMatch(Endpoint::isReservedHeader);
    }

    @Test
    void secretsMustBeWhsecAndBase64OfTwentyFourToSixtyFourBytes() {
        assertThat(EndpointSecret.malformation(EndpointSecret.generateKey())).isNull();
        assertThat(EndpointSecret.malformation("whsec_" + b64(24))).isNull();
        assertThat(EndpointSecret.malformation("whsec_" + b64(64))).isNull();
        assertThat(EndpointSecret.malformation("whsec_" + b64(23))).contains("between 24 and 64");
        assertThat(EndpointSecret.malformation("whsec_" + b64(65))).contains("between 24 and 64");
        assertThat(EndpointSecret.malformation(b64(32))).contains("whsec_");
        assertThat(EndpointSecret.malformation("whsec_%%%")).contains("base64");
    }

    private static String b64(int bytes) {
        return Base64.getEncoder().encodeToString(new byte[bytes]);
    }
}
