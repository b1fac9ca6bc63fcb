package dev.herald.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}, built by {@code package}) running as a separate
 * operating-system process on a free port, as in production: configured by environment variables only.
 */
final class PackagedHerald implements AutoCloseable {

    static final String ADMIN_TOKEN = "e2e-admin-token";
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Map<String, String> env;
    private final int port;
    private final Path log;
    private Process process;

    private PackagedHerald(String name, Map<String, String> env, int port) {
        this.name = name;
        this.env = env;
        this.port = port;
        this.log = Path.of("target", "e2e-logs", name + ".log");
    }

    /**
     * A Herald on the given database with a compressed retry schedule, short leases, plain http allowed and
     * 127.0.0.1 exempt from the SSRF guard. Not started yet.
     */
    static PackagedHerald on(String name, String jdbcUrl, String dbUser) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the 'package' phase first (./mvnw verify does)");
        }
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", dbUser);
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("HERALD_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("HERALD_SECRETS_MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        env.put("HERALD_ENDPOINTS_ALLOW_HTTP", "true");
        env.put("HERALD_SSRF_ALLOWLIST", "127.0.0.1/32");
        env.put("HERALD_DELIVERY_RETRY_SCHEDULE", "0s,200ms,500ms,1s,2s,2s,2s,2s,2s,2s");
        env.put("HERALD_DELIVERY_THROTTLE_FLOOR", "100ms");
        env.put("HERALD_DELIVERY_TIMEOUT", "4s");
        // The engine insists on a lease at least 5 s longer than the timeout; a short one makes a killed
        // instance's claims due again soon.
        env.put("HERALD_DELIVERY_LEASE", "9s");
        env.put("HERALD_DELIVERY_POLL_INTERVAL", "200ms");
        env.put("QUARKUS_LOG_CONSOLE_JSON", "false");
        return new PackagedHerald(name, env, freePort());
    }

    PackagedHerald with(String key, String value) {
        env.put(key, value);
        return this;
    }

    PackagedHerald start() {
        try {
            Files.createDirectories(log.getParent());
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx384m", "-jar", JAR.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await(name + " ready (log: " + log + ")").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(this::ready);
        return this;
    }

    /** SIGKILL: no shutdown hook, no graceful drain, leases left behind. */
    void kill() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    /** This instance's count of deliveries that ended with the outcome (Prometheus {@code herald_deliveries_total}). */
    long deliveries(String outcome) {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(baseUri() + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines()
                    .filter(line -> line.startsWith("herald_deliveries_total{")
                            && line.contains("outcome=\"" + outcome + "\""))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
        }
        try {
            HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(URI.create(baseUri() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
