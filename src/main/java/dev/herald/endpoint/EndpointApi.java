package dev.herald.endpoint;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The shapes of the tenant's endpoint API. */
public final class EndpointApi {

    private EndpointApi() {
    }

    /**
     * The body of POST and PUT, and what a PATCH is merged into. {@code secret} is accepted on create only;
     * {@code disabled} left out (null) keeps the current state.
     */
    public record EndpointIn(
            @NotBlank @Size(max = 2048) String url,
            @Size(max = 4000) String description,
            @Size(min = 1, max = 1000, message = "must list between 1 and 1000 event types, or be null for all")
            List<String> filterTypes,
            @Size(min = 1, max = Endpoint.MAX_CHANNELS,
                    message = "must list between 1 and " + Endpoint.MAX_CHANNELS + " channels, or be null for all")
            List<String> channels,
            Boolean disabled,
            @Positive Integer rateLimit,
            @Size(max = 50) Map<String, String> headers,
            @Size(max = 100) Map<String, String> metadata,
            String secret) {

        static EndpointIn from(Endpoint endpoint) {
            return new EndpointIn(endpoint.url, endpoint.description, endpoint.filterTypes, endpoint.channels,
                    endpoint.disabled, endpoint.rateLimit, endpoint.headers, endpoint.metadata, null);
        }
    }

    public record EndpointOut(String id, String appId, String url, String description, List<String> filterTypes,
            List<String> channels, boolean disabled, String disabledReason, Instant disabledAt, Integer rateLimit,
            Map<String, String> headers, Map<String, String> metadata, Instant createdAt, Instant updatedAt) {
        static EndpointOut from(Endpoint e) {
            return new EndpointOut(e.id, e.appId, e.url, e.description, e.filterTypes, e.channels, e.disabled,
                    e.disabledReason, e.disabledAt, e.rateLimit, e.headers, e.metadata, e.createdAt, e.updatedAt);
        }
    }

    public record SecretOut(String key) {
    }

    /** Body of a rotation: the new key, or none to have one generated. */
    public record SecretRotateIn(String key) {
    }
}
