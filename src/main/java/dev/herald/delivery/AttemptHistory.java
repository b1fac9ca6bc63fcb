package dev.herald.delivery;

import dev.herald.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import java.time.Instant;
import java.util.List;

/**
 * Reads the attempts of one message or one endpoint, newest first. The cursor is an attempt id; paging walks the
 * {@code (…, attempted_at desc)} indexes, with the id breaking ties between attempts of the same instant.
 */
@ApplicationScoped
public class AttemptHistory {

    private static final String SELECT = """
            select a.id, a.message_id, a.endpoint_id, a.attempt_number, a.trigger, a.attempted_at, a.outcome,
                   a.status_code, a.duration_ms, a.response_excerpt, a.error_kind, a.error_detail,
                   cast(a.request_headers as text) as request_headers
            from attempt a
            where a.tenant_id = :tenant and a.app_id = :app and a.%s = :owner
              and (cast(:outcome as text) is null or a.outcome = cast(:outcome as text))
              and (cast(:before as text) is null or (a.attempted_at, a.id) < (
                    select b.attempted_at, b.id from attempt b
                    where b.id = cast(:before as text) and b.tenant_id = :tenant))
            order by a.attempted_at desc, a.id desc
            limit :limit""";

    private final EntityManager em;

    AttemptHistory(EntityManager em) {
        this.em = em;
    }

    public record AttemptRow(String id, String messageId, String endpointId, int attemptNumber, String trigger,
            Instant attemptedAt, String outcome, Integer statusCode, int durationMs, String responseExcerpt,
            String errorKind, String errorDetail, String requestHeaders) {
    }

    public List<AttemptRow> ofMessage(String tenantId, String appId, String messageId, String outcome, String before,
            int limit) {
        return page("message_id", tenantId, appId, messageId, outcome, before, limit);
    }

    public List<AttemptRow> ofEndpoint(String tenantId, String appId, String endpointId, String outcome,
            String before, int limit) {
        return page("endpoint_id", tenantId, appId, endpointId, outcome, before, limit);
    }

    /** {@code succeeded}, {@code failed} or null (all); anything else is a 422 on {@code status}. */
    public static String outcomeFilter(String status) {
        if (status == null || status.equals("succeeded") || status.equals("failed")) {
            return status;
        }
        throw ApiException.invalid("status", "must be 'succeeded' or 'failed'");
    }

    private List<AttemptRow> page(String ownerColumn, String tenantId, String appId, String ownerId, String outcome,
            String before, int limit) {
        Query query = em.createNativeQuery(SELECT.formatted(ownerColumn), Tuple.class)
                .setParameter("tenant", tenantId)
                .setParameter("app", appId)
                .setParameter("owner", ownerId)
                .setParameter("outcome", outcome)
                .setParameter("before", before)
                .setParameter("limit", limit);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = query.getResultList();
        return rows.stream().map(AttemptHistory::row).toList();
    }

    private static AttemptRow row(Tuple t) {
        return new AttemptRow(t.get("id", String.class), t.get("message_id", String.class),
                t.get("endpoint_id", String.class), SqlValues.integer(t.get("attempt_number")),
                t.get("trigger", String.class), SqlValues.instant(t.get("attempted_at")),
                t.get("outcome", String.class), SqlValues.integer(t.get("status_code")),
                SqlValues.integer(t.get("duration_ms")), t.get("response_excerpt", String.class),
                t.get("error_kind", String.class), t.get("error_detail", String.class),
                t.get("request_headers", String.class));
    }
}
