package dev.herald.auth;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak for the end-to-end identity suite: the distribution Maven copied to {@code target/keycloak}
 * (maven-dependency-plugin, org.keycloak:keycloak-quarkus-dist), unpacked on first use, started in dev mode with
 * Herald's realm imported, on free loopback ports, in a process group of its own so that stopping it stops the
 * whole tree. The unpacked server and its H2 data are kept between runs while the realm file is unchanged, which
 * spares Keycloak's build step and the import on later starts.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "herald";
    private static final String VERSION = "26.5.6";
    private static final Duration READY_WITHIN = Duration.ofMinutes(5);

    private final Process process;
    private final boolean ownGroup;
    private final int port;

    private KeycloakServer(Process process, boolean ownGroup, int port) {
        this.process = process;
        this.ownGroup = ownGroup;
        this.port = port;
    }

    /** Starts Keycloak from {@code work} (holding keycloak.zip) with the realm file imported; waits until it serves. */
    public static KeycloakServer start(Path work, Path realmFile) {
        try {
            Path home = unpacked(work).toAbsolutePath();
            importRealm(home, realmFile);
            int port = freePort();
            List<String> command = new java.util.ArrayList<>();
            boolean ownGroup = Files.isExecutable(Path.of("/usr/bin/setsid"));
            if (ownGroup) {
                command.add("/usr/bin/setsid");
            }
            command.addAll(List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + freePort(),
                    "--import-realm"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("keycloak.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
            env.put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
            KeycloakServer server = new KeycloakServer(builder.start(), ownGroup, port);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "keycloak-stop"));
            server.awaitReady(work.resolve("keycloak.log"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Keycloak", e);
        }
    }

    public String realmUrl() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    public String tokenUrl() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    private void awaitReady(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(realmUrl() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            await("Keycloak on port " + port).atMost(READY_WITHIN).pollInterval(Duration.ofMillis(500))
                    .failFast("Keycloak exited", () -> !process.isAlive())
                    .ignoreExceptions()
                    .until(() -> http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("Keycloak did not come up; its log: " + log.toAbsolutePath(), e);
        }
    }

    /** Stops the whole process tree: the group (setsid) first, then anything left, forcibly. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        signal("TERM");
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                signal("KILL");
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void signal(String signal) {
        if (!ownGroup) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid()).inheritIO().start()
                    .waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            // the fallbacks in close() still stop the tree
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The unpacked distribution; unpacked into a temporary folder then moved, so a half-done unpack never counts. */
    private static Path unpacked(Path work) throws IOException {
        Path home = work.resolve("keycloak-" + VERSION);
        if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            return home;
        }
        Path zip = work.resolve("keycloak.zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip.toAbsolutePath() + " is missing: run the suite through Maven "
                    + "(./mvnw verify), whose generate-test-resources phase copies it from Maven Central");
        }
        Path partial = Files.createTempDirectory(work, "unpacking-");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                Path target = partial.resolve(entry.getName()).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("Zip entry escapes the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    if (entry.getName().endsWith(".sh")) {
                        target.toFile().setExecutable(true);
                    }
                }
            }
        }
        Files.move(partial.resolve("keycloak-" + VERSION), home, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(partial);
        return home;
    }

    /** Puts the realm in data/import; when it changed since the last start, drops the H2 data so it is re-imported. */
    private static void importRealm(Path home, Path realmFile) throws IOException {
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Path marker = home.resolve("data/realm.sha256");
        String digest = sha256(realmFile);
        if (!Files.exists(marker) || !Files.readString(marker).equals(digest)) {
            deleteTree(home.resolve("data/h2"));
            Files.copy(realmFile, imports.resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(marker, digest);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
