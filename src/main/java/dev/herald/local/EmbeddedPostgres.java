package dev.herald.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real PostgreSQL server for local runs and tests, started from the binaries zonky publishes on Maven Central.
 * Only present on the class path of local runs and tests (the dependency is "provided"), never in the packaged image.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        this.server = server;
    }

    /** True where the embedded server's classes are on the class path (local runs and tests, not the image). */
    public static boolean available() {
        try {
            Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", false,
                    EmbeddedPostgres.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Starts a server. With a data directory the cluster is kept there across restarts; without one, a throwaway
     * cluster is made under the working directory and removed on close.
     */
    public static EmbeddedPostgres start(Path dataDirectory, Path workingDirectory) {
        return start(dataDirectory, workingDirectory, Map.of());
    }

    /** {@link #start(Path, Path)} with further server settings (e.g. shared_preload_libraries to profile). */
    public static EmbeddedPostgres start(Path dataDirectory, Path workingDirectory, Map<String, String> settings) {
        try {
            Files.createDirectories(workingDirectory);
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workingDirectory.toFile())
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on");
            if (dataDirectory != null) {
                // Kept data is real data: commit durably (zonky turns synchronous_commit off by default).
                builder.setServerConfig("synchronous_commit", "on");
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            settings.forEach(builder::setServerConfig);
            return new EmbeddedPostgres(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    public String jdbcUrl() {
        return server.getJdbcUrl("postgres", "postgres");
    }

    public String username() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
