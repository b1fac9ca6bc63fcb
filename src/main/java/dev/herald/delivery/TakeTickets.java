package dev.herald.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A Kafka worker takes tickets over before sending, in one statement: each delivery still leased under the
 * ticket's token gets a new token, the worker's. Kafka may hand a ticket out twice (after a rebalance, partitions
 * restart from the last committed offset); only the first taker wins, later copies and copies of finished or
 * re-claimed deliveries take nothing. That keeps a delivery from being sent twice at once, so the per-endpoint cap,
 * counted from leased rows, holds.
 */
class TakeTickets {

    private static final String TAKE = """
            update delivery d
               set lease_token = nextval('delivery_lease_token_seq'), updated_at = ?
              from unnest(?::bigint[], ?::bigint[]) as v(id, lease_token)
             where d.id = v.id and d.lease_token = v.lease_token and d.state = 'sending' and d.lease_until > ?
            returning d.id, d.lease_token""";

    private final DataSource db;

    TakeTickets(DataSource db) {
        this.db = db;
    }

    /** The deliveries taken, under their new tokens; tickets not taken are left out. */
    List<ClaimedDelivery> take(List<DeliveryTicket> tickets, Instant now) throws SQLException {
        if (tickets.isEmpty()) {
            return List.of();
        }
        Map<Long, Long> taken = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(TAKE)) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setArray(2, c.createArrayOf("bigint", tickets.stream().map(t -> t.delivery().id()).toArray()));
            s.setArray(3, c.createArrayOf("bigint", tickets.stream().map(t -> t.delivery().leaseToken()).toArray()));
            s.setTimestamp(4, Timestamp.from(now));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    taken.put(r.getLong(1), r.getLong(2));
                }
            }
        }
        List<ClaimedDelivery> deliveries = new ArrayList<>(taken.size());
        for (DeliveryTicket ticket : tickets) {
            Long token = taken.remove(ticket.delivery().id());
            if (token != null) {
                deliveries.add(ticket.delivery().withLeaseToken(token));
            }
        }
        return deliveries;
    }
}
