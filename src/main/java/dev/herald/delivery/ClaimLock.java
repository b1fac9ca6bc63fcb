package dev.herald.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Everything that leases deliveries (the dispatcher's claim, ingest's fresh leases) takes turns behind one
 * transaction-scoped advisory lock, shared by all instances: each sees the leases the previous one committed, so two
 * of them can never fill the same endpoint's free slots at once.
 */
final class ClaimLock {

    /** Any constant shared by all instances. */
    private static final String LOCK = "select pg_advisory_xact_lock(7245105371249)";

    private ClaimLock() {
    }

    /** Takes the lock; it is held until the connection's transaction ends. */
    static void take(Connection transaction) throws SQLException {
        try (PreparedStatement lock = transaction.prepareStatement(LOCK)) {
            lock.execute();
        }
    }

    /**
     * Takes the lock and, in the same round trip, evaluates {@code alsoSelect} (say, {@code set_config} calls for the
     * rest of the transaction): whoever waits for the lock waits for every round trip made while it is held.
     */
    static void take(Connection transaction, String alsoSelect) throws SQLException {
        try (PreparedStatement lock = transaction.prepareStatement(LOCK + ", " + alsoSelect)) {
            lock.execute();
        }
    }
}
