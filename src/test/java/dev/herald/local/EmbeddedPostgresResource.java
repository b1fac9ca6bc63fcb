package dev.herald.local;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives every Quarkus test a real PostgreSQL: the one named by {@code QUARKUS_DATASOURCE_JDBC_URL} when set,
 * otherwise an embedded server started once per test JVM with a throwaway cluster under {@code target/}.
 */
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres server;

    @Override
    public synchronized Map<String, String> start() {
        if (System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null) {
            return Map.of();
        }
        if (server == null) {
            server = EmbeddedPostgres.start(null, Path.of("target", "embedded-pg"));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
        }
        return Map.of("quarkus.datasource.jdbc.url", server.jdbcUrl(),
                "quarkus.datasource.username", server.username(),
                "quarkus.datasource.password", "");
    }

    /** The same database the application under test uses, for tests that read raw rows. */
    public static String jdbcUrl() {
        return server != null ? server.jdbcUrl() : System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
    }

    @Override
    public void stop() {
        // Kept for the whole JVM: several Quarkus test applications in one run share it; the hook stops it.
    }
}
