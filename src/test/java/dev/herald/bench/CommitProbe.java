package dev.herald.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The disk's share of a latency window: a connection of its own commits a one-row insert every 5 ms, each commit a WAL
 * flush like every ingest batch's, and the window reports how long they took. This VM's disk stalls now and then
 * (commits of 20–180 ms, outside checkpoints too, in PostgreSQL's statement log), every commit in flight waits for it,
 * and scenario 4's slow deliveries lined up with those stalls rather than with its hanging endpoints; the probe puts
 * them beside each window's figures.
 */
final class CommitProbe implements AutoCloseable {

    /** Where the probe gets its connection: the bench's database, or the test's. */
    interface Connections {
        Connection open() throws SQLException;
    }

    private static final Duration EVERY = Duration.ofMillis(5);

    private final Latencies commits = new Latencies();
    private final long measuredFrom;
    private final Thread thread;
    private volatile boolean running = true;

    /** Starts committing at once; commits count once the warm-up has passed, as the window's messages do. */
    CommitProbe(Connections connections, Duration warmup) throws SQLException {
        Connection c = connections.open();
        try (Statement s = c.createStatement()) {
            s.execute("create table if not exists bench_commit_probe (at timestamptz not null)");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        measuredFrom = System.nanoTime() + warmup.toNanos();
        thread = Thread.ofPlatform().name("bench-commit-probe").daemon().start(() -> run(c));
    }

    private void run(Connection c) {
        try (c; PreparedStatement insert = c.prepareStatement("insert into bench_commit_probe values (now())")) {
            while (running) {
                long started = System.nanoTime();
                insert.executeUpdate();
                if (started >= measuredFrom) {
                    commits.recordNanos(System.nanoTime() - started);
                }
                Pause.of(EVERY);
            }
        } catch (SQLException e) {
            if (running) {
                System.err.println("The commit probe stopped: " + e.getMessage());
            }
        }
    }

    /** How long the commits since the warm-up took. */
    Latencies.Summary window() {
        return commits.summary();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(5));
    }
}
