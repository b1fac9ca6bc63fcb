package dev.herald.delivery;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.herald.application.Application;
import dev.herald.auth.CurrentTenant;
import dev.herald.auth.Roles;
import dev.herald.delivery.AttemptHistory.AttemptRow;
import dev.herald.endpoint.Endpoint;
import dev.herald.http.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/** Every HTTP try Herald made, by message or by endpoint, newest first; {@code status} filters by outcome. */
@Path("/api/v1/apps/{app}")
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.SUPPORT, Roles.CUSTOMER })
@Produces(MediaType.APPLICATION_JSON)
public class AttemptResource {

    private final CurrentTenant tenant;
    private final AttemptHistory history;
    private final MessageLookup messages;

    AttemptResource(CurrentTenant tenant, AttemptHistory history, MessageLookup messages) {
        this.tenant = tenant;
        this.history = history;
        this.messages = messages;
    }

    @GET
    @Path("/messages/{msgId}/attempts")
    public Page<AttemptOut> ofMessage(@PathParam("app") String app, @PathParam("msgId") String msgId,
            @QueryParam("status") String status, @QueryParam("limit") Integer limit,
            @QueryParam("iterator") String iterator) {
        String tenantId = tenant.id();
        Application application = Application.require(tenantId, app);
        messages.require(tenantId, application.id, msgId);
        int size = Page.limit(limit);
        return Page.of(history.ofMessage(tenantId, application.id, msgId, AttemptHistory.outcomeFilter(status),
                iterator, size + 1), size, AttemptRow::id, AttemptOut::from);
    }

    @GET
    @Path("/endpoints/{ep}/attempts")
    public Page<AttemptOut> ofEndpoint(@PathParam("app") String app, @PathParam("ep") String ep,
            @QueryParam("status") String status, @QueryParam("limit") Integer limit,
            @QueryParam("iterator") String iterator) {
        String tenantId = tenant.id();
        Application application = Application.require(tenantId, app);
        Endpoint endpoint = Endpoint.require(tenantId, application.id, ep);
        int size = Page.limit(limit);
        return Page.of(history.ofEndpoint(tenantId, application.id, endpoint.id, AttemptHistory.outcomeFilter(status),
                iterator, size + 1), size, AttemptRow::id, AttemptOut::from);
    }

    /** {@code requestHeaders} is the JSON object of headers exactly as sent. */
    public record AttemptOut(String id, String messageId, String endpointId, int attemptNumber, String trigger,
            Instant attemptedAt, String outcome, Integer statusCode, int durationMs, String responseExcerpt,
            String errorKind, String errorDetail, @JsonRawValue String requestHeaders) {
        public static AttemptOut from(AttemptRow row) {
            return new AttemptOut(row.id(), row.messageId(), row.endpointId(), row.attemptNumber(), row.trigger(),
                    row.attemptedAt(), row.outcome(), row.statusCode(), row.durationMs(), row.responseExcerpt(),
                    row.errorKind(), row.errorDetail(), row.requestHeaders());
        }
    }
}
