package dev.herald.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.herald.audit.AuditLog;
import dev.herald.delivery.Redelivery;
import dev.herald.endpoint.Endpoint;
import dev.herald.endpoint.EndpointApi.EndpointIn;
import dev.herald.endpoint.EndpointSecrets;
import dev.herald.eventtype.EventType;
import dev.herald.http.ApiException;
import dev.herald.message.MessageApi.MessageIn;
import dev.herald.message.MessageIngest;
import dev.herald.web.PageAccess.PortalScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

/**
 * What a customer changes from the portal, each through the same domain rules as the API, and each written to the
 * audit log with the customer's portal credential as the actor.
 */
@ApplicationScoped
public class PortalActions {

    private final EndpointSecrets secrets;
    private final Redelivery redelivery;
    private final MessageIngest ingest;
    private final AuditLog audit;
    private final InstantSource clock;

    PortalActions(EndpointSecrets secrets, Redelivery redelivery, MessageIngest ingest, AuditLog audit,
            InstantSource clock) {
        this.secrets = secrets;
        this.redelivery = redelivery;
        this.ingest = ingest;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Endpoint create(PortalScope scope, EndpointIn in) {
        Instant now = clock.instant();
        Endpoint endpoint = Endpoint.create(scope.tenantId(), scope.app().id, now);
        configure(endpoint, in, now);
        endpoint.persist();
        secrets.issue(endpoint, null, now);
        audit.record("endpoint.create", "endpoint", endpoint.id, Map.of("url", endpoint.url));
        return endpoint;
    }

    @Transactional
    public void update(Endpoint endpoint, EndpointIn in) {
        configure(endpoint, in, clock.instant());
        audit.record("endpoint.update", "endpoint", endpoint.id, Map.of("url", endpoint.url));
    }

    @Transactional
    public void disable(Endpoint endpoint) {
        endpoint.disable("disabled in the portal", clock.instant());
        audit.record("endpoint.disable", "endpoint", endpoint.id, Map.of());
    }

    @Transactional
    public void enable(Endpoint endpoint) {
        endpoint.enable(clock.instant());
        audit.record("endpoint.enable", "endpoint", endpoint.id, Map.of());
    }

    @Transactional
    public void delete(Endpoint endpoint) {
        audit.record("endpoint.delete", "endpoint", endpoint.id, Map.of("url", endpoint.url));
        endpoint.delete();
    }

    @Transactional
    public void rotate(Endpoint endpoint) {
        secrets.rotate(endpoint, null, clock.instant());
        audit.record("endpoint.secret.rotate", "endpoint", endpoint.id, Map.of());
    }

    public int recover(PortalScope scope, Endpoint endpoint, Instant since, Instant now) {
        return redelivery.recover(scope.tenantId(), scope.app().id, endpoint, since, now, now);
    }

    public void resend(PortalScope scope, String messageId, Endpoint endpoint) {
        redelivery.resend(scope.tenantId(), scope.app().id, messageId, endpoint, clock.instant());
    }

    /** Sends the event type's example (or an empty object) to the application, as the provider's API would. */
    public String sendTest(PortalScope scope, String eventType) {
        EventType type = eventType == null ? null : EventType.findActive(scope.tenantId(), eventType);
        if (type == null) {
            throw ApiException.invalid("eventType", "choose one of the event types");
        }
        JsonNode payload = type.example != null && type.example.isObject() ? type.example
                : JsonNodeFactory.instance.objectNode();
        return ingest.ingest(scope.tenantId(), scope.app().id, new MessageIn(type.name, payload, null, null), null)
                .message().id;
    }

    private static void configure(Endpoint endpoint, EndpointIn in, Instant now) {
        endpoint.configure(in.url(), in.description(), in.filterTypes(), in.channels(), in.rateLimit(), in.headers(),
                in.metadata(), now);
    }
}
