package dev.herald.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Herald's connections plan every statement for its parameters ({@code plan_cache_mode=force_custom_plan}, see
 * application.properties): the queue tables grow from empty to millions of rows, and a generic plan cached while one
 * was small once turned a 0.3 ms lookup into a 40 ms scan. The hot writes are the exception: they touch rows by key
 * (primary keys, the batch's own arrays), so one plan fits every size, and planning them anew was a fifth of
 * PostgreSQL's CPU. They run in a transaction that keeps one plan per connection instead, and a statement of that
 * transaction whose best plan depends on a table's size (a count over the queue) goes back to planning per
 * execution (a setting the claim lock comes with, {@code ClaimLock.TAKE}): the lease statement's generic plan, made
 * while {@code delivery} was empty after a truncation, counted each endpoint's leases by walking all its deliveries,
 * 22,000 pages a batch instead of 300, until the table was next analysed (fan-out 1 end to end fell from 4,200 to 900
 * deliveries/s). Tried again once its count had a shape only one index answers, for the 0.5 ms of planning per batch it
 * saves with the lock held: in three bench runs of ten the statement then ran on CPU without pause for a minute while
 * ingest crawled, most likely on a plan made just after the table was emptied and analysed, which reads the whole table
 * for each endpoint's count as it refills.
 */
public final class PlanOnce {

    private static final String SQL = "set local plan_cache_mode = force_generic_plan";

    private PlanOnce() {
    }

    /** For the rest of this transaction (autocommit off), statements keep one plan per connection. */
    public static void inTransaction(Connection transaction) throws SQLException {
        try (Statement set = transaction.createStatement()) {
            set.execute(SQL);
        }
    }
}
