package dev.herald.delivery;

import dev.herald.application.Application;
import dev.herald.auth.CurrentTenant;
import dev.herald.auth.Roles;
import dev.herald.endpoint.Endpoint;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How an endpoint has been doing: attempt successes and failures over the last 24 hours and 7 days, and per hour
 * over the last 24 (for a chart). Both queries walk the {@code attempt (endpoint_id, attempted_at desc)} index.
 */
@Path("/api/v1/apps/{app}/endpoints/{ep}/stats")
@RolesAllowed({ Roles.TENANT_ADMIN, Roles.SUPPORT, Roles.CUSTOMER })
@Produces(MediaType.APPLICATION_JSON)
public class EndpointStatsResource {

    private static final String TOTALS = """
            select count(*) filter (where outcome = 'succeeded' and attempted_at >= :day) as day_ok,
                   count(*) filter (where outcome <> 'succeeded' and attempted_at >= :day) as day_failed,
                   count(*) filter (where outcome = 'succeeded') as week_ok,
                   count(*) filter (where outcome <> 'succeeded') as week_failed
            from attempt
            where tenant_id = :tenant and endpoint_id = :ep and attempted_at >= :week and attempted_at <= :now""";
    private static final String HOURLY = """
            select date_trunc('hour', attempted_at, 'UTC') as hour,
                   count(*) filter (where outcome = 'succeeded') as ok,
                   count(*) filter (where outcome <> 'succeeded') as failed
            from attempt
            where tenant_id = :tenant and endpoint_id = :ep and attempted_at >= :from and attempted_at <= :now
            group by 1""";

    private final CurrentTenant tenant;
    private final EntityManager em;
    private final InstantSource clock;

    EndpointStatsResource(CurrentTenant tenant, EntityManager em, InstantSource clock) {
        this.tenant = tenant;
        this.em = em;
        this.clock = clock;
    }

    @GET
    public EndpointStatsOut stats(@PathParam("app") String app, @PathParam("ep") String ep) {
        String tenantId = tenant.id();
        Application application = Application.require(tenantId, app);
        Endpoint endpoint = Endpoint.require(tenantId, application.id, ep);
        Instant now = clock.instant();
        Tuple totals = (Tuple) em.createNativeQuery(TOTALS, Tuple.class)
                .setParameter("tenant", tenantId).setParameter("ep", endpoint.id)
                .setParameter("day", Timestamp.from(now.minus(Duration.ofHours(24))))
                .setParameter("week", Timestamp.from(now.minus(Duration.ofDays(7))))
                .setParameter("now", Timestamp.from(now))
                .getSingleResult();
        return new EndpointStatsOut(endpoint.id, now,
                Window.of(SqlValues.number(totals.get("day_ok")), SqlValues.number(totals.get("day_failed"))),
                Window.of(SqlValues.number(totals.get("week_ok")), SqlValues.number(totals.get("week_failed"))),
                hourly(tenantId, endpoint.id, now));
    }

    /** 24 buckets, oldest first, the last one being the current (partial) hour; empty hours count zero. */
    private List<Hour> hourly(String tenantId, String endpointId, Instant now) {
        Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
        Instant first = currentHour.minus(Duration.ofHours(23));
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(HOURLY, Tuple.class)
                .setParameter("tenant", tenantId).setParameter("ep", endpointId)
                .setParameter("from", Timestamp.from(first)).setParameter("now", Timestamp.from(now))
                .getResultList();
        Map<Instant, Tuple> byHour = new HashMap<>();
        rows.forEach(row -> byHour.put(SqlValues.instant(row.get("hour")), row));
        List<Hour> hours = new ArrayList<>(24);
        for (Instant hour = first; !hour.isAfter(currentHour); hour = hour.plus(Duration.ofHours(1))) {
            Tuple row = byHour.get(hour);
            hours.add(row == null ? new Hour(hour, 0, 0)
                    : new Hour(hour, SqlValues.number(row.get("ok")), SqlValues.number(row.get("failed"))));
        }
        return hours;
    }

    public record EndpointStatsOut(String endpointId, Instant asOf, Window last24h, Window last7d, List<Hour> hourly) {
    }

    /** {@code successRate} is between 0 and 1, null when there was no attempt. */
    public record Window(long succeeded, long failed, Double successRate) {
        static Window of(long succeeded, long failed) {
            long total = succeeded + failed;
            return new Window(succeeded, failed, total == 0 ? null : (double) succeeded / total);
        }
    }

    public record Hour(Instant hour, long succeeded, long failed) {
    }
}
