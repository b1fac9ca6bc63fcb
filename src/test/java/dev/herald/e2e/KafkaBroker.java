package dev.herald.e2e;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.apache.kafka.common.Uuid;

/**
 * A real, single-node Kafka broker in KRaft mode (broker and controller in one process) on 127.0.0.1 and free
 * ports, run as a child process from the {@code org.apache.kafka:kafka_2.13} jars on the test class path: storage
 * formatted with {@code kafka.tools.StorageTool}, then {@code kafka.Kafka}. Close stops it and leaves its data under
 * the given directory for post-mortems.
 */
final class KafkaBroker implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private KafkaBroker(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static KafkaBroker start(Path directory) {
        try {
            Files.createDirectories(directory);
            int port = freePort();
            int controllerPort = freePort();
            Path data = directory.resolve("data");
            deleteTree(data);
            Path properties = directory.resolve("server.properties");
            Files.writeString(properties, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                    "inter.broker.listener.name=PLAINTEXT",
                    "log.dirs=" + data.toAbsolutePath(),
                    // Herald creates its topic itself; one partition here would show if it did not.
                    "num.partitions=1",
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "") + "\n");
            Path log = directory.resolve("broker.log");
            Files.deleteIfExists(log);
            run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                    properties.toString()), log);
            Process process = java(List.of("kafka.Kafka", properties.toString()), log).start();
            KafkaBroker broker = new KafkaBroker(process, port, log);
            await("Kafka listening on 127.0.0.1:" + port + " (log: " + log + ")").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).until(broker::listening);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    private boolean listening() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Kafka exited with " + process.exitValue() + "; see " + log);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process process = java(command, log).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " failed; see " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ProcessBuilder java(List<String> arguments, Path log) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xms128m", "-Xmx512m",
                "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-cp", classPath()));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    /** The test class path, where Maven put kafka_2.13 and its dependencies (a test-scoped dependency). */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(entry);
            // Surefire and Failsafe may start the test JVM from a manifest-only jar: follow its Class-Path.
            if (entry.contains("surefirebooter") && entry.endsWith(".jar")) {
                entries.addAll(manifestClassPath(entry));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<String> manifestClassPath(String jar) {
        List<String> entries = new ArrayList<>();
        try (JarFile file = new JarFile(jar)) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath != null) {
                for (String url : classPath.trim().split("\\s+")) {
                    entries.add(Path.of(URI.create(url)).toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** A fresh cluster every run: the previous run's data would fail the format. */
    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
