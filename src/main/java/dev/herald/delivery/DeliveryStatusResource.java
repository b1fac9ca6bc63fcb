package dev.herald.delivery;

import dev.herald.application.Application;
import dev.herald.auth.CurrentTenant;
import dev.herald.auth.Roles;
import dev.herald.http.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** Where one message stands at each endpoint it was sent to: state, attempts so far, the next try. */
@Path("/api/v1/apps/{app}/messages/{msgId}/endpoints")
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.SUPPORT, Roles.CUSTOMER })
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryStatusResource {

    private static final String SELECT = """
            select d.endpoint_id, e.url, d.state, d.attempts, d.next_attempt_at, d.last_attempt_at,
                   d.last_status_code, d.last_error
            from delivery d join endpoint e on e.id = d.endpoint_id
            where d.tenant_id = :tenant and d.app_id = :app and d.message_id = :msg
              and (cast(:before as text) is null or d.endpoint_id < cast(:before as text))
            order by d.endpoint_id desc
            limit :limit""";

    private final CurrentTenant tenant;
    private final MessageLookup messages;
    private final EntityManager em;

    DeliveryStatusResource(CurrentTenant tenant, MessageLookup messages, EntityManager em) {
        this.tenant = tenant;
        this.messages = messages;
        this.em = em;
    }

    @GET
    public Page<DeliveryStatusOut> list(@PathParam("app") String app, @PathParam("msgId") String msgId,
            @QueryParam("limit") Integer limit, @QueryParam("iterator") String iterator) {
        String tenantId = tenant.id();
        Application application = Application.require(tenantId, app);
        messages.require(tenantId, application.id, msgId);
        int size = Page.limit(limit);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(SELECT, Tuple.class)
                .setParameter("tenant", tenantId).setParameter("app", application.id).setParameter("msg", msgId)
                .setParameter("before", iterator).setParameter("limit", size + 1)
                .getResultList();
        return Page.of(rows.stream().map(DeliveryStatusOut::from).toList(), size, DeliveryStatusOut::endpointId,
                out -> out);
    }

    /** {@code nextAttemptAt} is set while the delivery waits for a try; null once it is final. */
    public record DeliveryStatusOut(String endpointId, String url, String state, int attempts, Instant nextAttemptAt,
            Instant lastAttemptAt, Integer lastStatusCode, String lastError) {
        static DeliveryStatusOut from(Tuple t) {
            String state = t.get("state", String.class);
            return new DeliveryStatusOut(t.get("endpoint_id", String.class), t.get("url", String.class), state,
                    SqlValues.integer(t.get("attempts")),
                    state.equals("pending") ? SqlValues.instant(t.get("next_attempt_at")) : null,
                    SqlValues.instant(t.get("last_attempt_at")), SqlValues.integer(t.get("last_status_code")),
                    t.get("last_error", String.class));
        }
    }
}
