package dev.herald.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An endpoint's attempt outcomes for the portal's success-rate chart: 24 hourly buckets and 7 daily buckets (UTC),
 * oldest first, empty buckets counting zero. One query over the {@code attempt (endpoint_id, attempted_at)} index.
 */
@ApplicationScoped
public class EndpointChart {

    private static final String BUCKETS = """
            select date_trunc(:unit, attempted_at, 'UTC') as bucket,
                   count(*) filter (where outcome = 'succeeded') as ok,
                   count(*) filter (where outcome <> 'succeeded') as failed
            from attempt
            where tenant_id = :tenant and endpoint_id = :ep and attempted_at >= :from and attempted_at <= :now
            group by 1""";

    private final EntityManager em;

    EndpointChart(EntityManager em) {
        this.em = em;
    }

    public record Bucket(Instant start, long succeeded, long failed) {
        public long total() {
            return succeeded + failed;
        }
    }

    /** Buckets and their sum; {@code rate} is the success percentage, null without attempts. */
    public record Series(List<Bucket> buckets, long succeeded, long failed, Integer rate) {
        static Series of(List<Bucket> buckets) {
            long ok = buckets.stream().mapToLong(Bucket::succeeded).sum();
            long failed = buckets.stream().mapToLong(Bucket::failed).sum();
            Integer rate = ok + failed == 0 ? null : (int) Math.floor(100.0 * ok / (ok + failed));
            return new Series(buckets, ok, failed, rate);
        }
    }

    public Series hourly(String tenantId, String endpointId, Instant now) {
        return series(tenantId, endpointId, now, ChronoUnit.HOURS, 24);
    }

    public Series daily(String tenantId, String endpointId, Instant now) {
        return series(tenantId, endpointId, now, ChronoUnit.DAYS, 7);
    }

    private Series series(String tenantId, String endpointId, Instant now, ChronoUnit unit, int count) {
        Instant current = now.truncatedTo(unit);
        Instant first = current.minus(Duration.of(count - 1L, unit));
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery(BUCKETS, Tuple.class)
                .setParameter("unit", unit == ChronoUnit.HOURS ? "hour" : "day")
                .setParameter("tenant", tenantId).setParameter("ep", endpointId)
                .setParameter("from", Timestamp.from(first)).setParameter("now", Timestamp.from(now))
                .getResultList();
        Map<Instant, Tuple> byStart = new HashMap<>();
        rows.forEach(row -> byStart.put(instant(row.get("bucket")), row));
        List<Bucket> buckets = new ArrayList<>(count);
        for (Instant start = first; !start.isAfter(current); start = start.plus(Duration.of(1, unit))) {
            Tuple row = byStart.get(start);
            buckets.add(row == null ? new Bucket(start, 0, 0)
                    : new Bucket(start, ((Number) row.get("ok")).longValue(), ((Number) row.get("failed")).longValue()));
        }
        return Series.of(buckets);
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case Timestamp t -> t.toInstant();
            case OffsetDateTime o -> o.toInstant();
            default -> throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
        };
    }
}
