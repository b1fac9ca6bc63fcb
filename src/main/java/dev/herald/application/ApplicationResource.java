package dev.herald.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.application.ApplicationApi.ApplicationIn;
import dev.herald.application.ApplicationApi.ApplicationOut;
import dev.herald.audit.AuditLog;
import dev.herald.auth.CurrentTenant;
import dev.herald.auth.Roles;
import dev.herald.http.ApiException;
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
import java.time.InstantSource;
import java.util.Map;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The tenant's applications (its customers), addressed by id or by the tenant's own uid. */
@Path("/api/v1/apps")
@RolesAllowed(Roles.TENANT_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApplicationResource {

    private final CurrentTenant tenant;
    private final InstantSource clock;
    private final MergePatch mergePatch;
    private final AuditLog audit;

    ApplicationResource(CurrentTenant tenant, InstantSource clock, MergePatch mergePatch, AuditLog audit) {
        this.tenant = tenant;
        this.clock = clock;
        this.mergePatch = mergePatch;
        this.audit = audit;
    }

    @POST
    @Transactional
    @ResponseStatus(201)
    public ApplicationOut create(@Valid @NotNull ApplicationIn in) {
        Application app = Application.create(tenant.id(), clock.instant());
        return ApplicationOut.from(save(app, in));
    }

    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.SUPPORT })
    @GET
    public Page<ApplicationOut> list(@QueryParam("limit") Integer limit, @QueryParam("iterator") String iterator) {
        int size = Page.limit(limit);
        return Page.of(Application.page(tenant.id(), iterator, size + 1), size, a -> a.id, ApplicationOut::from);
    }

    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.SUPPORT, Roles.CUSTOMER })
    @GET
    @Path("/{app}")
    public ApplicationOut get(@PathParam("app") String app) {
        return ApplicationOut.from(Application.require(tenant.id(), app));
    }

    /** Replaces every field: an absent uid or metadata is cleared. */
    @PUT
    @Path("/{app}")
    @Transactional
    public ApplicationOut put(@PathParam("app") String app, @Valid @NotNull ApplicationIn in) {
        return ApplicationOut.from(save(Application.require(tenant.id(), app), in));
    }

    /** Changes only the fields present; a field sent as null is cleared. */
    @PATCH
    @Path("/{app}")
    @Transactional
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    public ApplicationOut patch(@PathParam("app") String app, JsonNode patch) throws JsonProcessingException {
        Application existing = Application.require(tenant.id(), app);
        ApplicationIn merged = mergePatch.apply(ApplicationIn.from(existing), patch, ApplicationIn.class);
        return ApplicationOut.from(save(existing, merged));
    }

    /** Removes the application with its endpoints, messages and deliveries (foreign keys cascade). */
    @DELETE
    @Path("/{app}")
    @Transactional
    @ResponseStatus(204)
    public void delete(@PathParam("app") String app) {
        Application application = Application.require(tenant.id(), app);
        application.delete();
        audit.record("application.delete", "application", application.id,
                application.uid == null ? Map.of() : Map.of("uid", application.uid));
    }

    private Application save(Application app, ApplicationIn in) {
        String uid = in.uid();
        if (uid != null) {
            Application holder = Application.findByUid(tenant.id(), uid);
            if (holder != null && !holder.id.equals(app.id)) {
                throw uidTaken(uid);
            }
        }
        app.replace(uid, in.name().strip(), in.metadata(), clock.instant());
        try {
            app.persistAndFlush();
        } catch (ConstraintViolationException e) {
            // Another request took the uid between the check and the write: the unique index decided.
            throw uidTaken(uid);
        }
        return app;
    }

    private static ApiException uidTaken(String uid) {
        return ApiException.conflict("Another application already has uid '" + uid + "'");
    }
}
