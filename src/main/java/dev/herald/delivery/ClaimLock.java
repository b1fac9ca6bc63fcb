package dev.herald.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Everything that leases deliveries (the dispatcher's claim, ingest's fresh leases) takes turns behind one
 * transaction-scoped advisory lock, shared by all instances: each sees the leases the previous one committed, so two
 * of them can never fill the same endpoint's free slots at once.
 * <p>
 * Whoever holds the lock counts live leases, and whoever waits for it waits for that count; so the lock comes with
 * the setting that keeps the count short, in the same round trip: no bitmap scans. The lease indexes hold an entry
 * for every lease recorded since the last vacuum (tens of thousands, 45 s of traffic, behind a few hundred live ones).
 * A plain index scan marks those dead on first sight and skips them after; a bitmap scan visits the table for each of
 * them, every time. The benchmark caught it twice: ingest's count (10–100 ms a batch) and the claim's (27,000 entries,
 * 1,100 pages, 8–23 ms a claim, several claims a second while endpoints hang). How the statements are planned is the
 * caller's: the claim plans for its parameters, as every connection does; ingest keeps one plan per connection
 * ({@link dev.herald.db.PlanOnce}).
 */
final class ClaimLock {

    /** Any constant shared by all instances. */
    static final String TAKE = "select pg_advisory_xact_lock(7245105371249),"
            + " set_config('enable_bitmapscan', 'off', true)";

    private ClaimLock() {
    }

    /** Takes the lock, held until the transaction ends, and rules out bitmap scans for the rest of the transaction. */
    static void take(Connection transaction) throws SQLException {
        try (PreparedStatement lock = transaction.prepareStatement(TAKE)) {
            lock.execute();
        }
    }
}
