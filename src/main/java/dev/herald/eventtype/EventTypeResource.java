package dev.herald.eventtype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.audit.AuditLog;
import dev.herald.auth.CurrentTenant;
import dev.herald.auth.Roles;
import dev.herald.eventtype.EventTypeApi.EventTypeIn;
import dev.herald.eventtype.EventTypeApi.EventTypeOut;
import dev.herald.eventtype.EventTypeApi.EventTypeUpdate;
import dev.herald.http.ApiException;
import dev.herald.http.Page;
import dev.herald.http.Problem.FieldError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The tenant's catalogue of event types. */
@Path("/api/v1/event-types")
@RolesAllowed(Roles.TENANT_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EventTypeResource {

    private final CurrentTenant tenant;
    private final InstantSource clock;
    private final JsonSchemas schemas;
    private final AuditLog audit;

    EventTypeResource(CurrentTenant tenant, InstantSource clock, JsonSchemas schemas, AuditLog audit) {
        this.tenant = tenant;
        this.clock = clock;
        this.schemas = schemas;
        this.audit = audit;
    }

    /** Creates an event type; re-creating an archived one brings it back with the new description. */
    @POST
    @Transactional
    @ResponseStatus(201)
    public EventTypeOut create(@Valid @NotNull EventTypeIn in) {
        JsonNode schema = present(in.schema());
        JsonNode example = present(in.example());
        check(schema, example);
        Instant now = clock.instant();
        EventType type = EventType.findByName(tenant.id(), in.name());
        if (type != null && !type.archived) {
            throw ApiException.conflict("Event type '" + in.name() + "' already exists");
        }
        if (type == null) {
            type = EventType.create(tenant.id(), in.name(), now);
        }
        type.describe(in.description(), schema, example, false, now);
        persist(type);
        return EventTypeOut.from(type);
    }

    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.SUPPORT, Roles.CUSTOMER })
    @GET
    public Page<EventTypeOut> list(@QueryParam("limit") Integer limit, @QueryParam("iterator") String iterator,
            @QueryParam("includeArchived") @DefaultValue("false") boolean includeArchived) {
        int size = Page.limit(limit);
        return Page.of(EventType.page(tenant.id(), includeArchived, iterator, size + 1), size, t -> t.id,
                EventTypeOut::from);
    }

    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.SUPPORT, Roles.CUSTOMER })
    @GET
    @Path("/{name}")
    public EventTypeOut get(@PathParam("name") String name) {
        return EventTypeOut.from(existing(name));
    }

    /** Replaces the event type, creating it when the tenant has none of that name. */
    @PUT
    @Path("/{name}")
    @Transactional
    public Response put(
            @PathParam("name") @Pattern(regexp = EventType.NAME_PATTERN, message = "must match "
                    + EventType.NAME_PATTERN) String name,
            @Valid @NotNull EventTypeUpdate in) {
        JsonNode schema = present(in.schema());
        JsonNode example = present(in.example());
        check(schema, example);
        Instant now = clock.instant();
        EventType type = EventType.findByName(tenant.id(), name);
        boolean created = type == null;
        if (created) {
            type = EventType.create(tenant.id(), name, now);
        }
        type.describe(in.description(), schema, example, Boolean.TRUE.equals(in.archived()), now);
        persist(type);
        return Response.status(created ? 201 : 200).entity(EventTypeOut.from(type)).build();
    }

    /** Archives: messages of this type are refused from now on, but the type and its history stay. */
    @DELETE
    @Path("/{name}")
    @Transactional
    @ResponseStatus(204)
    public void archive(@PathParam("name") String name) {
        EventType type = existing(name);
        type.archive(clock.instant());
        audit.record("event-type.archive", "event-type", type.name, Map.of());
    }

    private EventType existing(String name) {
        EventType type = EventType.findByName(tenant.id(), name);
        if (type == null) {
            throw ApiException.notFound("Event type", name);
        }
        return type;
    }

    private void check(JsonNode schema, JsonNode example) {
        if (schema == null) {
            return;
        }
        List<FieldError> errors = new ArrayList<>(schemas.problemsOf(schema, "schema"));
        if (errors.isEmpty() && example != null) {
            errors.addAll(JsonSchemas.check(schemas.compile(schema), example, "example"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private static void persist(EventType type) {
        try {
            type.persistAndFlush();
        } catch (ConstraintViolationException e) {
            // Two requests created the same name at once: the unique (tenant_id, name) index decided.
            throw ApiException.conflict("Event type '" + type.name + "' already exists");
        }
    }

    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }
}
