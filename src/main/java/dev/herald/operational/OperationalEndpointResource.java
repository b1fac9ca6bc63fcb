package dev.herald.operational;

import dev.herald.audit.AuditLog;
import dev.herald.auth.CurrentTenant;
import dev.herald.auth.Roles;
import dev.herald.endpoint.Endpoint;
import dev.herald.endpoint.EndpointInCheck;
import dev.herald.endpoint.EndpointSecrets;
import dev.herald.endpoint.UrlPolicy;
import dev.herald.http.ApiException;
import dev.herald.http.Page;
import dev.herald.http.Problem.FieldError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * The tenant's own endpoints for operational events ({@code endpoint.disabled}, {@code message.attempt.exhausted},
 * {@code message.attempt.recovered}). They are signed with their secret like any endpoint.
 */
@Path("/api/v1/operational-webhooks/endpoints")
@RolesAllowed(Roles.TENANT_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OperationalEndpointResource {

    private final CurrentTenant tenant;
    private final OperationalApp app;
    private final UrlPolicy urls;
    private final EndpointSecrets secrets;
    private final AuditLog audit;
    private final InstantSource clock;

    OperationalEndpointResource(CurrentTenant tenant, OperationalApp app, UrlPolicy urls, EndpointSecrets secrets,
            AuditLog audit, InstantSource clock) {
        this.tenant = tenant;
        this.app = app;
        this.urls = urls;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    @POST
    @Transactional
    @ResponseStatus(201)
    public OperationalEndpointOut create(@Valid @NotNull OperationalEndpointIn in) {
        check(in);
        String tenantId = tenant.id();
        Instant now = clock.instant();
        Endpoint endpoint = Endpoint.create(tenantId, app.ensure(tenantId, now), now);
        endpoint.configure(in.url(), in.description(), in.filterTypes(), null, null, null, null, now);
        endpoint.persist();
        secrets.issue(endpoint, in.secret(), now);
        audit.record("operational-endpoint.create", "endpoint", endpoint.id, Map.of("url", endpoint.url));
        return OperationalEndpointOut.from(endpoint);
    }

    @GET
    public Page<OperationalEndpointOut> list(@QueryParam("limit") Integer limit,
            @QueryParam("iterator") String iterator) {
        int size = Page.limit(limit);
        String tenantId = tenant.id();
        List<Endpoint> endpoints = app.idOf(tenantId)
                .map(appId -> Endpoint.page(tenantId, appId, iterator, size + 1)).orElse(List.of());
        return Page.of(endpoints, size, e -> e.id, OperationalEndpointOut::from);
    }

    @GET
    @Path("/{id}")
    public OperationalEndpointOut get(@PathParam("id") String id) {
        return OperationalEndpointOut.from(existing(id));
    }

    /** The current signing secret, to verify operational events with. */
    @GET
    @Path("/{id}/secret")
    public SecretOut secret(@PathParam("id") String id) {
        return new SecretOut(secrets.currentKey(existing(id)));
    }

    /** Removes the endpoint with its secrets, deliveries and attempts. */
    @DELETE
    @Path("/{id}")
    @Transactional
    @ResponseStatus(204)
    public void delete(@PathParam("id") String id) {
        Endpoint endpoint = existing(id);
        audit.record("operational-endpoint.delete", "endpoint", endpoint.id, Map.of("url", endpoint.url));
        endpoint.delete();
    }

    private Endpoint existing(String id) {
        String tenantId = tenant.id();
        String appId = app.idOf(tenantId).orElseThrow(() -> ApiException.notFound("Operational endpoint", id));
        try {
            return Endpoint.require(tenantId, appId, id);
        } catch (ApiException notFound) {
            throw ApiException.notFound("Operational endpoint", id);
        }
    }

    private void check(OperationalEndpointIn in) {
        List<FieldError> errors = new ArrayList<>();
        try {
            urls.check(in.url());
        } catch (ApiException e) {
            errors.addAll(e.errors());
        }
        if (in.filterTypes() != null) {
            for (int i = 0; i < in.filterTypes().size(); i++) {
                if (!OperationalEvents.TYPES.contains(in.filterTypes().get(i))) {
                    errors.add(new FieldError("filterTypes[" + i + "]", "must be one of "
                            + String.join(", ", OperationalEvents.TYPES.stream().sorted().toList())));
                }
            }
        }
        if (in.secret() != null) {
            try {
                EndpointInCheck.checkKey(in.secret());
            } catch (ApiException e) {
                e.errors().forEach(error -> errors.add(new FieldError("secret", error.message())));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    /** {@code filterTypes} null means every operational event; {@code secret} null means a generated one. */
    public record OperationalEndpointIn(@NotBlank @Size(max = 2048) String url, @Size(max = 1000) String description,
            @Size(min = 1, max = 3) List<@NotNull String> filterTypes, String secret) {
    }

    public record OperationalEndpointOut(String id, String url, String description, List<String> filterTypes,
            boolean disabled, String disabledReason, Instant createdAt, Instant updatedAt) {
        static OperationalEndpointOut from(Endpoint e) {
            return new OperationalEndpointOut(e.id, e.url, e.description, e.filterTypes, e.disabled,
                    e.disabledReason, e.createdAt, e.updatedAt);
        }
    }

    public record SecretOut(String key) {
    }
}
