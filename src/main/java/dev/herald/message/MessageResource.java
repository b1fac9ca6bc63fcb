package dev.herald.message;

import dev.herald.application.Application;
import dev.herald.auth.CurrentTenant;
import dev.herald.auth.Roles;
import dev.herald.http.ApiException;
import dev.herald.http.Page;
import dev.herald.message.Message.MessageFilter;
import dev.herald.message.MessageApi.MessageIn;
import dev.herald.message.MessageApi.MessageOut;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Sending messages to an application, and reading them back. */
@Path("/api/v1/apps/{app}/messages")
@RolesAllowed(Roles.TENANT_ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MessageResource {

    private static final int MAX_IDEMPOTENCY_KEY = 255;

    private final MessageIngest ingest;
    private final CurrentTenant tenant;

    MessageResource(MessageIngest ingest, CurrentTenant tenant) {
        this.ingest = ingest;
        this.tenant = tenant;
    }

    /**
     * 202 once the message and its deliveries are committed; a repeat answers with the first message. It runs on the
     * event loop and waits on nothing: {@link MessageIngest#accept} moves to a worker only when it must read.
     */
    @POST
    public Uni<Response> send(@PathParam("app") String app, @HeaderParam("Idempotency-Key") String idempotencyKey,
            MessageIn in) {
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw ApiException.invalid("idempotencyKey", "size must be between 1 and " + MAX_IDEMPOTENCY_KEY);
        }
        return ingest.accept(tenant.id(), app, in, idempotencyKey)
                .map(result -> Response.accepted(MessageOut.from(result.message()))
                        .header("Idempotent-Replayed", result.replayed() ? "true" : null)
                        .build());
    }

    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.SUPPORT, Roles.CUSTOMER })
    @GET
    public Page<MessageOut> list(@PathParam("app") String app, @QueryParam("limit") Integer limit,
            @QueryParam("iterator") String iterator, @QueryParam("eventType") String eventType,
            @QueryParam("channel") String channel, @QueryParam("before") String before,
            @QueryParam("after") String after) {
        int size = Page.limit(limit);
        Application application = Application.require(tenant.id(), app);
        MessageFilter filter = new MessageFilter(eventType, channel, instant("before", before),
                instant("after", after));
        return Page.of(Message.page(tenant.id(), application.id, filter, iterator, size + 1), size, m -> m.id,
                MessageOut::from);
    }

    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.SUPPORT, Roles.CUSTOMER })
    @GET
    @Path("/{msgId}")
    public MessageOut get(@PathParam("app") String app, @PathParam("msgId") String msgId) {
        Application application = Application.require(tenant.id(), app);
        Message message = Message.findInApp(tenant.id(), application.id, msgId);
        if (message == null) {
            throw ApiException.notFound("Message", msgId);
        }
        return MessageOut.from(message);
    }

    private static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }
}
