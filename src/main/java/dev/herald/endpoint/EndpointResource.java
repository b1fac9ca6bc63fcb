package dev.herald.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.application.Application;
import dev.herald.audit.AuditLog;
import dev.herald.auth.CurrentTenant;
import dev.herald.auth.Roles;
import dev.herald.endpoint.EndpointApi.EndpointIn;
import dev.herald.endpoint.EndpointApi.EndpointOut;
import dev.herald.endpoint.EndpointApi.SecretOut;
import dev.herald.endpoint.EndpointApi.SecretRotateIn;
import dev.herald.http.MergePatch;
import dev.herald.http.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The endpoints of one application, and their signing secrets. */
@Path("/api/v1/apps/{app}/endpoints")
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.CUSTOMER })
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EndpointResource {

    private final CurrentTenant tenant;
    private final InstantSource clock;
    private final EndpointInCheck checks;
    private final EndpointSecrets secrets;
    private final MergePatch mergePatch;
    private final AuditLog audit;

    EndpointResource(CurrentTenant tenant, InstantSource clock, EndpointInCheck checks, EndpointSecrets secrets,
            MergePatch mergePatch, AuditLog audit) {
        this.tenant = tenant;
        this.clock = clock;
        this.checks = checks;
        this.secrets = secrets;
        this.mergePatch = mergePatch;
        this.audit = audit;
    }

    /** Creates an endpoint with the given secret, or a generated one. */
    @POST
    @Transactional
    @ResponseStatus(201)
    public EndpointOut create(@PathParam("app") String app, @Valid @NotNull EndpointIn in) {
        Application owner = Application.require(tenant.id(), app);
        checks.check(tenant.id(), in, true);
        Instant now = clock.instant();
        Endpoint endpoint = Endpoint.create(tenant.id(), owner.id, now);
        apply(endpoint, in, now);
        endpoint.persist();
        secrets.issue(endpoint, in.secret(), now);
        return EndpointOut.from(endpoint);
    }

    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.SUPPORT, Roles.CUSTOMER })
    @GET
    public Page<EndpointOut> list(@PathParam("app") String app, @QueryParam("limit") Integer limit,
            @QueryParam("iterator") String iterator) {
        int size = Page.limit(limit);
        String appId = Application.require(tenant.id(), app).id;
        return Page.of(Endpoint.page(tenant.id(), appId, iterator, size + 1), size, e -> e.id, EndpointOut::from);
    }

    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.SUPPORT, Roles.CUSTOMER })
    @GET
    @Path("/{endpointId}")
    public EndpointOut get(@PathParam("app") String app, @PathParam("endpointId") String endpointId) {
        return EndpointOut.from(existing(app, endpointId));
    }

    /** Replaces the settings; {@code disabled} left out keeps the current state. */
    @PUT
    @Path("/{endpointId}")
    @Transactional
    public EndpointOut put(@PathParam("app") String app, @PathParam("endpointId") String endpointId,
            @Valid @NotNull EndpointIn in) {
        Endpoint endpoint = existing(app, endpointId);
        checks.check(tenant.id(), in, false);
        applyAudited(endpoint, in, clock.instant());
        return EndpointOut.from(endpoint);
    }

    /** Changes only the fields present; a field sent as null is cleared (null filters mean "all"). */
    @PATCH
    @Path("/{endpointId}")
    @Transactional
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    public EndpointOut patch(@PathParam("app") String app, @PathParam("endpointId") String endpointId,
            JsonNode patch) throws JsonProcessingException {
        Endpoint endpoint = existing(app, endpointId);
        EndpointIn merged = mergePatch.apply(EndpointIn.from(endpoint), patch, EndpointIn.class);
        checks.check(tenant.id(), merged, false);
        applyAudited(endpoint, merged, clock.instant());
        return EndpointOut.from(endpoint);
    }

    /** Removes the endpoint with its secrets, deliveries and attempts (foreign keys cascade). */
    @DELETE
    @Path("/{endpointId}")
    @Transactional
    @ResponseStatus(204)
    public void delete(@PathParam("app") String app, @PathParam("endpointId") String endpointId) {
        Endpoint endpoint = existing(app, endpointId);
        endpoint.delete();
        audit.record("endpoint.delete", "endpoint", endpoint.id, Map.of("appId", endpoint.appId, "url", endpoint.url));
    }

    @GET
    @Path("/{endpointId}/secret")
    public SecretOut secret(@PathParam("app") String app, @PathParam("endpointId") String endpointId) {
        return new SecretOut(secrets.currentKey(existing(app, endpointId)));
    }

    /** A new current secret; the previous one keeps signing for {@code herald.secrets.rotation-overlap}. */
    @POST
    @Path("/{endpointId}/secret/rotate")
    @Transactional
    @ResponseStatus(204)
    public void rotate(@PathParam("app") String app, @PathParam("endpointId") String endpointId,
            SecretRotateIn in) {
        Endpoint endpoint = existing(app, endpointId);
        String key = in == null ? null : in.key();
        if (key != null) {
            EndpointInCheck.checkKey(key);
        }
        secrets.rotate(endpoint, key, clock.instant());
        audit.record("endpoint.secret.rotate", "endpoint", endpoint.id,
                Map.of("appId", endpoint.appId, "keyGiven", key != null));
    }

    /** Applies new settings; turning the endpoint off or on is audited. */
    private void applyAudited(Endpoint endpoint, EndpointIn in, Instant now) {
        boolean wasDisabled = endpoint.disabled;
        apply(endpoint, in, now);
        if (endpoint.disabled != wasDisabled) {
            audit.record(endpoint.disabled ? "endpoint.disable" : "endpoint.enable", "endpoint", endpoint.id,
                    Map.of("appId", endpoint.appId));
        }
    }

    private Endpoint existing(String app, String endpointId) {
        return Endpoint.require(tenant.id(), Application.require(tenant.id(), app).id, endpointId);
    }

    private static void apply(Endpoint endpoint, EndpointIn in, Instant now) {
        endpoint.configure(in.url().strip(), in.description(), in.filterTypes(), in.channels(), in.rateLimit(),
                in.headers(), in.metadata(), now);
        if (Boolean.TRUE.equals(in.disabled())) {
            endpoint.disable(Endpoint.DISABLED_BY_API, now);
        } else if (Boolean.FALSE.equals(in.disabled())) {
            endpoint.enable(now);
        }
    }
}
