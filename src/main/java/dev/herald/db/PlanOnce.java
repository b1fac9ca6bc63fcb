package dev.herald.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Herald's connections plan every statement for its parameters ({@code plan_cache_mode=force_custom_plan}, see
 * application.properties): the queue tables grow from empty to millions of rows, and a generic plan cached while one
 * was small once turned a 0.3 ms lookup into a 40 ms scan. Ingest's group commit is the exception: its statements run
 * hundreds of times a second, planning them anew was a fifth of PostgreSQL's CPU and, for the lease statement, two
 * thirds of its time with the claim lock held. They run in a transaction that keeps one plan per connection instead.
 * <p>
 * One plan has to fit every size of every table it reads, so the transaction also rules out sequential scans and the
 * sorts an index can spare: a plan made on a small or empty table would otherwise keep scanning it whole once it has
 * grown. Twice the lease statement's generic plan did exactly that, made while {@code delivery} had just been
 * emptied: first it counted each endpoint's leases by walking all its deliveries (22,000 pages a batch instead of 300;
 * bench fan-out 1 fell from 4,200 to 900 deliveries/s), then, with a later shape of the count, by reading the whole
 * table for each endpoint (1 s a batch on 200,000 rows; ingest crawled for a minute in three bench runs of ten). With
 * sequential scans alone ruled out it chose a scan of every entry of another index of {@code delivery}. Every
 * statement of the transaction has an index for each table it reads, by the batch's own keys, and the count has one
 * index that gives it in order, so the plan left is the one that fits every size; {@code QueuePlansTest} plans them
 * on an emptied table, analysed and not. A sort that cannot be spared (the batch's own rows) is still made, only
 * costed high, which is why JIT compilation is off too: it would compile that plan at every execution.
 */
public final class PlanOnce {

    private static final String SQL = "select set_config('plan_cache_mode', 'force_generic_plan', true),"
            + " set_config('enable_seqscan', 'off', true), set_config('enable_sort', 'off', true),"
            + " set_config('jit', 'off', true)";

    private PlanOnce() {
    }

    /** For the rest of this transaction (autocommit off), statements keep one plan per connection, read by index. */
    public static void inTransaction(Connection transaction) throws SQLException {
        try (Statement set = transaction.createStatement()) {
            set.execute(SQL);
        }
    }
}
