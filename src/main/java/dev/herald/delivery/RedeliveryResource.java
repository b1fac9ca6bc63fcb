package dev.herald.delivery;

import dev.herald.application.Application;
import dev.herald.auth.CurrentTenant;
import dev.herald.auth.Roles;
import dev.herald.endpoint.Endpoint;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.InstantSource;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Asking for deliveries again: one message to one endpoint (resend), or an endpoint's failures in a window (recover). */
@Path("/api/v1/apps/{app}")
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.SUPPORT, Roles.CUSTOMER })
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RedeliveryResource {

    private final CurrentTenant tenant;
    private final MessageLookup messages;
    private final Redelivery redelivery;
    private final InstantSource clock;

    RedeliveryResource(CurrentTenant tenant, MessageLookup messages, Redelivery redelivery, InstantSource clock) {
        this.tenant = tenant;
        this.messages = messages;
        this.redelivery = redelivery;
        this.clock = clock;
    }

    /** 202: one manual attempt is queued for now, also after the delivery succeeded, exhausted or was cancelled. */
    @POST
    @Path("/messages/{msgId}/endpoints/{ep}/resend")
    @ResponseStatus(202)
    public void resend(@PathParam("app") String app, @PathParam("msgId") String msgId, @PathParam("ep") String ep) {
        String tenantId = tenant.id();
        Application application = Application.require(tenantId, app);
        messages.require(tenantId, application.id, msgId);
        Endpoint endpoint = Endpoint.require(tenantId, application.id, ep);
        redelivery.resend(tenantId, application.id, msgId, endpoint, clock.instant());
    }

    /** 202 with how many exhausted or cancelled deliveries created in [since, until) were queued again. */
    @POST
    @Path("/endpoints/{ep}/recover")
    @ResponseStatus(202)
    public RecoverOut recover(@PathParam("app") String app, @PathParam("ep") String ep, @Valid @NotNull RecoverIn in) {
        String tenantId = tenant.id();
        Application application = Application.require(tenantId, app);
        Endpoint endpoint = Endpoint.require(tenantId, application.id, ep);
        Instant now = clock.instant();
        Instant until = in.until() == null ? now : in.until();
        Redelivery.checkWindow(in.since(), until);
        return new RecoverOut(redelivery.recover(tenantId, application.id, endpoint, in.since(), until, now));
    }

    /** {@code until} defaults to now; the window is at most 14 days. */
    public record RecoverIn(@NotNull Instant since, Instant until) {
    }

    public record RecoverOut(int recovered) {
    }
}
