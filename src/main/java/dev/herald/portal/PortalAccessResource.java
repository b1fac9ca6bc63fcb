package dev.herald.portal;

import dev.herald.application.Application;
import dev.herald.audit.AuditLog;
import dev.herald.auth.Caller;
import dev.herald.auth.Roles;
import dev.herald.http.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Portal access for a tenant's customer: a short-lived link to the portal that works for one application only,
 * and its revocation. The customer needs no account of their own.
 */
@Path("/api/v1/apps/{app}/portal-access")
@RolesAllowed(Roles.TENANT_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class PortalAccessResource {

    private final PortalTokens tokens;
    private final Caller caller;
    private final InstantSource clock;
    private final AuditLog audit;

    PortalAccessResource(PortalTokens tokens, Caller caller, InstantSource clock, AuditLog audit) {
        this.tokens = tokens;
        this.caller = caller;
        this.clock = clock;
        this.audit = audit;
    }

    /** The token is shown once, here; Herald keeps only the record that makes it revocable. */
    public record PortalAccessOut(String id, String url, String token, Instant expiresAt) {
    }

    public record PortalTokenOut(String id, String appId, String createdBy, Instant createdAt, Instant expiresAt) {
        static PortalTokenOut from(PortalToken token) {
            return new PortalTokenOut(token.id, token.appId, token.createdBy, token.createdAt, token.expiresAt);
        }
    }

    @POST
    @Transactional
    @ResponseStatus(201)
    public PortalAccessOut grant(@PathParam("app") String app) {
        Application application = Application.require(caller.tenantId(), app);
        PortalTokens.Issued issued = tokens.issue(caller.tenantId(), application.id, caller.actor());
        audit.record("portal-access.grant", "application", application.id,
                Map.of("tokenId", issued.row().id, "expiresAt", issued.row().expiresAt.toString()));
        return new PortalAccessOut(issued.row().id, issued.url(), issued.token(), issued.row().expiresAt);
    }

    /** Tokens of this application that still work. */
    @GET
    public List<PortalTokenOut> list(@PathParam("app") String app) {
        Application application = Application.require(caller.tenantId(), app);
        return PortalToken.usableInApp(caller.tenantId(), application.id, clock.instant()).stream()
                .map(PortalTokenOut::from).toList();
    }

    /** Revokes every portal token of the application. */
    @DELETE
    @Transactional
    @ResponseStatus(204)
    public void revokeAll(@PathParam("app") String app) {
        Application application = Application.require(caller.tenantId(), app);
        int revoked = PortalToken.revokeAllInApp(caller.tenantId(), application.id, clock.instant());
        audit.record("portal-access.revoke", "application", application.id, Map.of("revoked", revoked));
    }

    @DELETE
    @Path("/{tokenId}")
    @Transactional
    @ResponseStatus(204)
    public void revoke(@PathParam("app") String app, @PathParam("tokenId") String tokenId) {
        Application application = Application.require(caller.tenantId(), app);
        PortalToken token = PortalToken.findInApp(caller.tenantId(), application.id, tokenId);
        if (token == null) {
            throw ApiException.notFound("Portal token", tokenId);
        }
        token.revoke(clock.instant());
        audit.record("portal-access.revoke", "application", application.id, Map.of("tokenId", token.id));
    }
}
