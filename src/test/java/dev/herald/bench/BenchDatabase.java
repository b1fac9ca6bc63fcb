package dev.herald.bench;

import dev.herald.local.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's PostgreSQL: a throwaway embedded server (default), or a fresh {@code herald_bench} database on a
 * server the caller names (dropped and re-created: never point it at data you keep). Also measures the server's
 * own ceiling, single-row commits per second, with pgbench when installed or an equivalent JDBC loop.
 */
final class BenchDatabase implements AutoCloseable {

    /** What the ceiling measurement found. */
    record CommitCeiling(double perSecond, int clients, String tool) {
    }

    private static final int WAL_SEGMENTS = 64;

    private final EmbeddedPostgres embedded;
    private final String jdbcUrl;
    private final String username;
    private final String password;

    private BenchDatabase(EmbeddedPostgres embedded, String jdbcUrl, String username, String password) {
        this.embedded = embedded;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    static BenchDatabase embedded(Path workDir) {
        // e.g. BENCH_PG_SETTINGS="shared_preload_libraries=pg_stat_statements track_io_timing=on" to profile
        Map<String, String> settings = new HashMap<>();
        for (String setting : System.getenv().getOrDefault("BENCH_PG_SETTINGS", "").trim().split("\\s+")) {
            if (setting.contains("=")) {
                settings.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
        }
        // keeps the segments preallocateWal makes (see there) for reuse
        settings.putIfAbsent("min_wal_size", "1GB");
        EmbeddedPostgres server = EmbeddedPostgres.start(null, workDir, settings);
        BenchDatabase db = new BenchDatabase(server, server.jdbcUrl(), server.username(), "");
        try {
            // The embedded server's defaults turn synchronous_commit off; Herald promises a 202 only after a
            // durable commit, so the benchmark measures with it on (as a production server runs).
            // (zonky sets it on the command line, which a per-database setting overrides).
            db.execute("alter database postgres set synchronous_commit = on");
            db.preallocateWal(WAL_SEGMENTS);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return db;
    }

    /**
     * A server that has run for a while writes its WAL into recycled segment files; a brand-new cluster creates and
     * zero-fills a 16 MB file each time it needs one, inside whichever commit needs it (wait event WalInitWrite). The
     * first scenarios paid that as 10-60 ms commits, with ingest's claim lock held across them (scenario 3 p99 two to
     * four times that of 3', the same load at the end). So the segments are made here, before anything is measured,
     * and a checkpoint makes them spare ones for reuse (min_wal_size keeps them).
     */
    void preallocateWal(int segments) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create table bench_wal_warmup (n int)");
            for (int i = 0; i < segments; i++) {
                s.execute("insert into bench_wal_warmup values (" + i + ")"); // a switch needs something written
                s.execute("select pg_switch_wal()");
            }
            s.execute("drop table bench_wal_warmup");
            s.execute("checkpoint");
        }
    }

    /** A fresh database {@code herald_bench} on the server at host:port (e.g. 127.0.0.1:5432). */
    static BenchDatabase external(String hostPort, String username, String password) throws SQLException {
        String admin = "jdbc:postgresql://" + hostPort + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, username, password); Statement s = c.createStatement()) {
            s.execute("drop database if exists herald_bench with (force)");
            s.execute("create database herald_bench");
        }
        return new BenchDatabase(null, "jdbc:postgresql://" + hostPort + "/herald_bench", username, password);
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String username() {
        return username;
    }

    String password() {
        return password;
    }

    String description() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select current_setting('server_version'), current_setting('fsync'),"
                        + " current_setting('synchronous_commit'), current_setting('shared_buffers')")) {
            r.next();
            return "PostgreSQL " + r.getString(1) + (embedded != null ? " (embedded)" : " (external)") + ", fsync="
                    + r.getString(2) + ", synchronous_commit=" + r.getString(3) + ", shared_buffers=" + r.getString(4);
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Empties the message and delivery tables between scenarios (tenants, apps, endpoints stay). */
    void clearTraffic() throws SQLException {
        execute("truncate attempt, delivery, message, idempotency_key, endpoint_health");
    }

    /**
     * Stores {@code messages} × the given endpoints pending retries, due an hour or more from now, in bulk: the
     * backlog a platform carries while some receivers are down.
     */
    void insertBacklog(String tenantId, String appId, List<String> endpointIds, int messages) throws SQLException {
        try (Connection c = connect()) {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into message (id, tenant_id, app_id, event_type, payload, created_at)
                    select 'msg_backlog_' || g, ?, ?, 'invoice.paid', '{"backlog":' || g || '}', now() - interval '1 hour'
                      from generate_series(1, ?) g""")) {
                s.setString(1, tenantId);
                s.setString(2, appId);
                s.setInt(3, messages);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    insert into delivery (tenant_id, app_id, message_id, endpoint_id, state, attempts, next_attempt_at,
                                          first_attempt_at, last_attempt_at, last_status_code, last_error,
                                          created_at, updated_at)
                    select e.tenant_id, e.app_id, 'msg_backlog_' || g, e.id, 'pending', 3,
                           now() + interval '1 hour' + (g % 3600) * interval '1 second',
                           now() - interval '1 hour', now() - interval '5 minutes', 503, 'HTTP 503',
                           now() - interval '1 hour', now() - interval '5 minutes'
                      from generate_series(1, ?) g cross join endpoint e
                     where e.id = any (?)""")) {
                s.setInt(1, messages);
                s.setArray(2, c.createArrayOf("text", endpointIds.toArray()));
                s.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("vacuum analyze delivery");
                s.execute("vacuum analyze message");
                // The bulk insert wrote ~1 GB of WAL and dirtied every page of both tables: left alone, a checkpoint
                // writes them out during the measurement and the fresh inserts pay full-page images in WAL. A backlog
                // that built up over hours has long been checkpointed; the scenario is about the table's size.
                s.execute("checkpoint");
            }
        }
    }

    /** Single-row insert commits per second at saturation: pgbench when installed, else a JDBC loop. */
    CommitCeiling commitCeiling(int clients, int seconds, Path workDir) throws Exception {
        execute("create table if not exists bench_commit (id bigserial primary key, v integer not null)");
        try {
            Path pgbench = pgbench();
            if (pgbench != null) {
                return new CommitCeiling(pgbench(pgbench, clients, seconds, workDir), clients, "pgbench");
            }
            return new CommitCeiling(jdbcCommits(clients, seconds), clients, "JDBC loop");
        } finally {
            execute("drop table bench_commit");
        }
    }

    private double pgbench(Path pgbench, int clients, int seconds, Path workDir) throws Exception {
        Path script = workDir.resolve("commit.sql");
        Files.createDirectories(workDir);
        Files.writeString(script, "insert into bench_commit (v) values (1);\n");
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(pgbench.toString(), "-n", "-h",
                uri.getHost(), "-p", Integer.toString(uri.getPort() > 0 ? uri.getPort() : 5432),
                "-U", username, "-c", Integer.toString(clients), "-j", "2", "-T", Integer.toString(seconds),
                "-f", script.toString(), uri.getPath().substring(1)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(seconds + 30L, TimeUnit.SECONDS);
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench said: " + output);
        }
        return Double.parseDouble(tps.group(1));
    }

    private double jdbcCommits(int clients, int seconds) throws Exception {
        LongAdder commits = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (Connection c = connect();
                        PreparedStatement s = c.prepareStatement("insert into bench_commit (v) values (1)")) {
                    while (running.get()) {
                        s.executeUpdate();
                        commits.increment();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        long started = System.nanoTime();
        Pause.of(java.time.Duration.ofSeconds(seconds));
        running.set(false);
        double elapsed = (System.nanoTime() - started) / 1e9;
        for (Thread t : threads) {
            t.join();
        }
        return commits.sum() / elapsed;
    }

    private static Path pgbench() {
        for (String candidate : new String[] { "/usr/bin/pgbench", "/usr/lib/postgresql/17/bin/pgbench",
                "/usr/lib/postgresql/16/bin/pgbench", "/usr/lib/postgresql/15/bin/pgbench" }) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
