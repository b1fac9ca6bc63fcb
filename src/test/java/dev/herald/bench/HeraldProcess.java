package dev.herald.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a separate process with a bounded heap,
 * listening on 127.0.0.1. Reads its CPU time and peak resident memory from /proc.
 */
final class HeraldProcess implements AutoCloseable {

    static final String ADMIN_TOKEN = "bench-admin-token";
    static final String MASTER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Process process;
    private final int port;

    private HeraldProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the service and waits until it is ready.
     *
     * @param properties extra {@code -D} settings (e.g. delivery off for the ingest-only scenario)
     */
    static HeraldProcess start(Path jar, BenchDatabase db, String heap, Map<String, String> properties, Path log)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Xms" + heap,
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dherald.endpoints.allow-http=true"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        // e.g. BENCH_SERVICE_JAVA_OPTS="-XX:StartFlightRecording=filename=target/bench/herald.jfr" to profile
        String extra = System.getenv("BENCH_SERVICE_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", db.username());
        builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        builder.environment().put("HERALD_ADMIN_TOKEN", ADMIN_TOKEN);
        builder.environment().put("HERALD_SECRETS_MASTER_KEY", MASTER_KEY);
        builder.environment().put("HERALD_SSRF_ALLOWLIST", "127.0.0.1/32");
        HeraldProcess herald = new HeraldProcess(builder.start(), port);
        herald.awaitReady(log);
        return herald;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time (user + system) the process has used so far, in milliseconds. */
    long cpuMillis() {
        try {
            return ticks(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"))) * 1000
                    / CLOCK_TICKS_PER_SECOND;
        } catch (IOException e) {
            return -1;
        }
    }

    /** CPU time the service's JIT compiler threads have used so far, in milliseconds: how far it is from warm. */
    long jitCpuMillis() {
        return jitCpuMillis(process.pid());
    }

    /** CPU time of the C1 and C2 compiler threads of a HotSpot JVM, in milliseconds; -1 when it cannot be read. */
    static long jitCpuMillis(long pid) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return threads.mapToLong(HeraldProcess::compilerTicks).sum() * 1000 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    private static long compilerTicks(Path thread) {
        String stat;
        try {
            stat = Files.readString(thread.resolve("stat"));
        } catch (IOException gone) {
            return 0; // the thread ended meanwhile
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        // HotSpot names them "C1 CompilerThread0", "C2 CompilerThread0", ...; Linux keeps 15 characters of it.
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre") ? ticks(stat) : 0;
    }

    /** utime + stime of a /proc stat line, in clock ticks. */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": state is field 3 of the full line, utime 14 and stime 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Peak resident set size (VmHWM) in MiB. */
    long peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return -1;
    }

    private void awaitReady(Path log) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        boolean up = Pause.until(() -> {
            if (!process.isAlive()) {
                return true;
            }
            try {
                return http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        }, Duration.ofSeconds(90));
        if (!up || !process.isAlive()) {
            close();
            throw new IllegalStateException("Herald did not become ready; see " + log);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
