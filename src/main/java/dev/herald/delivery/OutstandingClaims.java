package dev.herald.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What this instance published to Kafka and no worker has finished yet. Any worker may finish them, so instead of
 * counting completions it asks PostgreSQL which of them are still leased. By id, not lease token (a worker takes a
 * ticket over with a token of its own); a delivery someone else re-claimed after its lease expired is counted until
 * that lease ends too, which errs on the side of claiming less. Used by the dispatcher thread only.
 */
class OutstandingClaims {

    private static final String STILL_LEASED = """
            select id from delivery where id = any (?) and state = 'sending' and lease_until > ?""";

    private final DataSource db;
    private final Set<Long> ids = new HashSet<>();

    OutstandingClaims(DataSource db) {
        this.db = db;
    }

    void add(List<ClaimedDelivery> published) {
        published.forEach(d -> ids.add(d.id()));
    }

    int size() {
        return ids.size();
    }

    /** Forgets what was recorded, given back or whose lease ran out; returns how many are still outstanding. */
    int refresh(Instant now) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        Set<Long> held = new HashSet<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(STILL_LEASED)) {
            s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            s.setTimestamp(2, Timestamp.from(now));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    held.add(r.getLong(1));
                }
            }
        }
        ids.retainAll(held);
        return ids.size();
    }
}
