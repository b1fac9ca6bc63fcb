package dev.herald.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reads column values of native queries, whose Java types depend on the driver and Hibernate's mapping. */
final class SqlValues {

    private SqlValues() {
    }

    static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case Timestamp t -> t.toInstant();
            default -> throw new IllegalArgumentException("Not a timestamp: " + value.getClass());
        };
    }

    static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
