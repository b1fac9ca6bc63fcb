package dev.herald.support;

import dev.herald.auth.Caller;
import dev.herald.auth.Roles;
import dev.herald.delivery.AttemptHistory;
import dev.herald.delivery.AttemptResource.AttemptOut;
import dev.herald.delivery.Redelivery;
import dev.herald.delivery.RedeliveryResource.RecoverIn;
import dev.herald.delivery.RedeliveryResource.RecoverOut;
import dev.herald.endpoint.Endpoint;
import dev.herald.http.ApiException;
import dev.herald.http.Page;
import dev.herald.message.Message;
import dev.herald.message.MessageApi.MessageOut;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Support's desk: find a message across the tenants one serves (from the token's {@code tenant_ids}), see where
 * it went and every attempt, and ask for it again. Resend and recover are audited with the message's tenant.
 * Support never sees endpoint secrets or changes endpoints: those routes do not admit the role.
 */
@Path("/api/v1/support")
@RolesAllowed(Roles.SUPPORT)
@Produces(MediaType.APPLICATION_JSON)
public class SupportResource {

    private static final int ATTEMPTS_SHOWN = 100;

    private final Caller caller;
    private final MessageSearch search;
    private final MessageDeliveries deliveries;
    private final AttemptHistory attempts;
    private final Redelivery redelivery;
    private final InstantSource clock;

    SupportResource(Caller caller, MessageSearch search, MessageDeliveries deliveries, AttemptHistory attempts,
            Redelivery redelivery, InstantSource clock) {
        this.caller = caller;
        this.search = search;
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.redelivery = redelivery;
        this.clock = clock;
    }

    /** A message as support finds it: which tenant and application it belongs to. */
    public record FoundOut(String id, String tenantId, String appId, String appUid, String eventType, String eventId,
            Instant timestamp) {
        static FoundOut from(MessageSearch.Found found) {
            return new FoundOut(found.id(), found.tenantId(), found.appId(), found.appUid(), found.eventType(),
                    found.eventId(), found.createdAt());
        }
    }

    /** One message with its deliveries (one per endpoint) and its latest attempts, newest first. */
    public record MessageDetailOut(String tenantId, String appId, String appUid, MessageOut message,
            List<MessageDeliveries.DeliveryOut> deliveries, List<AttemptOut> attempts) {
    }

    @GET
    @Path("/messages")
    public Page<FoundOut> messages(@QueryParam("msgId") String msgId, @QueryParam("eventId") String eventId,
            @QueryParam("appUid") String appUid, @QueryParam("endpointId") String endpointId,
            @QueryParam("status") String status, @QueryParam("since") String since,
            @QueryParam("until") String until, @QueryParam("tenantId") String tenantId,
            @QueryParam("limit") Integer limit, @QueryParam("iterator") String iterator) {
        int size = Page.limit(limit);
        MessageSearch.Criteria criteria = new MessageSearch.Criteria(blankToNull(msgId), blankToNull(eventId),
                blankToNull(appUid), blankToNull(endpointId), blankToNull(status), instant("since", since),
                instant("until", until));
        return Page.of(search.search(tenants(tenantId), criteria, iterator, size + 1), size, MessageSearch.Found::id,
                FoundOut::from);
    }

    @GET
    @Path("/messages/{msgId}")
    public MessageDetailOut message(@PathParam("msgId") String msgId) {
        MessageSearch.Found found = search.require(tenants(null), msgId);
        Message message = Message.findInApp(found.tenantId(), found.appId(), found.id());
        List<AttemptOut> recent = attempts.ofMessage(found.tenantId(), found.appId(), found.id(), null, null,
                ATTEMPTS_SHOWN).stream().map(AttemptOut::from).toList();
        return new MessageDetailOut(found.tenantId(), found.appId(), found.appUid(), MessageOut.from(message),
                deliveries.of(found.tenantId(), found.appId(), found.id()), recent);
    }

    /** 202: one manual attempt of the message to the endpoint is queued for now. */
    @POST
    @Path("/messages/{msgId}/endpoints/{ep}/resend")
    @ResponseStatus(202)
    public void resend(@PathParam("msgId") String msgId, @PathParam("ep") String ep) {
        MessageSearch.Found found = search.require(tenants(null), msgId);
        Endpoint endpoint = Endpoint.require(found.tenantId(), found.appId(), ep);
        redelivery.resend(found.tenantId(), found.appId(), found.id(), endpoint, clock.instant());
    }

    /** 202 with how many exhausted or cancelled deliveries of the endpoint in [since, until) were queued again. */
    @POST
    @Path("/endpoints/{ep}/recover")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    public RecoverOut recover(@PathParam("ep") String ep, @Valid @NotNull RecoverIn in) {
        Instant now = clock.instant();
        Instant until = in.until() == null ? now : in.until();
        Redelivery.checkWindow(in.since(), until);
        Endpoint endpoint = Endpoint.<Endpoint>find("id = ?1 and tenantId in ?2", ep, tenants(null))
                .firstResultOptional().orElseThrow(() -> ApiException.notFound("Endpoint", ep));
        return new RecoverOut(redelivery.recover(endpoint.tenantId, endpoint.appId, endpoint, in.since(), until, now));
    }

    /** The tenants this request searches: all the caller serves, or the one named (404 when not among them). */
    private Set<String> tenants(String named) {
        Set<String> served = caller.tenantIds();
        if (served.isEmpty()) {
            throw ApiException.forbidden("This support credential serves no tenant (token claim tenant_ids)");
        }
        if (named == null || named.isBlank()) {
            return served;
        }
        if (!served.contains(named)) {
            throw ApiException.notFound("Tenant", named);
        }
        return Set.of(named);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }
}
