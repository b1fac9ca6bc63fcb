package dev.herald.tenant;

import dev.herald.audit.AuditLog;
import dev.herald.auth.Roles;
import dev.herald.http.ApiException;
import dev.herald.http.Page;
import dev.herald.tenant.TenantApi.ApiKeyIn;
import dev.herald.tenant.TenantApi.ApiKeyOut;
import dev.herald.tenant.TenantApi.TenantIn;
import dev.herald.tenant.TenantApi.TenantOut;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The platform admin's API: tenants and their API keys. */
@Path("/api/v1/tenants")
@RolesAllowed(Roles.PLATFORM_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TenantResource {

    private final InstantSource clock;
    private final AuditLog audit;
    private final ActiveApiKeys activeKeys;

    TenantResource(InstantSource clock, AuditLog audit, ActiveApiKeys activeKeys) {
        this.clock = clock;
        this.audit = audit;
        this.activeKeys = activeKeys;
    }

    @POST
    @Transactional
    @ResponseStatus(201)
    public TenantOut create(@Valid @NotNull TenantIn in) {
        return TenantOut.from(Tenant.create(in.name().strip(), clock.instant()));
    }

    @GET
    public Page<TenantOut> list(@QueryParam("limit") Integer limit, @QueryParam("iterator") String iterator) {
        int size = Page.limit(limit);
        return Page.of(Tenant.page(iterator, size + 1), size, t -> t.id, TenantOut::from);
    }

    @GET
    @Path("/{tenantId}")
    public TenantOut get(@PathParam("tenantId") String tenantId) {
        return TenantOut.from(existing(tenantId));
    }

    @POST
    @Path("/{tenantId}/api-keys")
    @Transactional
    @ResponseStatus(201)
    public ApiKeyOut issueKey(@PathParam("tenantId") String tenantId, @Valid ApiKeyIn in) {
        Tenant tenant = existing(tenantId);
        String name = in == null || in.name() == null || in.name().isBlank() ? "default" : in.name().strip();
        ApiKey key = ApiKey.issue(tenant.id, name, clock.instant());
        audit.record(tenant.id, "api-key.issue", "api-key", key.id, Map.of("name", name));
        return ApiKeyOut.from(key);
    }

    @GET
    @Path("/{tenantId}/api-keys")
    public List<ApiKeyOut> keys(@PathParam("tenantId") String tenantId) {
        return ApiKey.listInTenant(existing(tenantId).id).stream().map(ApiKeyOut::from).toList();
    }

    @DELETE
    @Path("/{tenantId}/api-keys/{keyId}")
    @Transactional
    @ResponseStatus(204)
    public void revokeKey(@PathParam("tenantId") String tenantId, @PathParam("keyId") String keyId) {
        ApiKey key = ApiKey.findInTenant(existing(tenantId).id, keyId);
        if (key == null) {
            throw ApiException.notFound("API key", keyId);
        }
        key.revoke(clock.instant());
        audit.record(key.tenantId, "api-key.revoke", "api-key", key.id, Map.of("name", key.name));
        activeKeys.forget(key.id);
    }

    private static Tenant existing(String tenantId) {
        Tenant tenant = Tenant.findById(tenantId);
        if (tenant == null) {
            throw ApiException.notFound("Tenant", tenantId);
        }
        return tenant;
    }
}
