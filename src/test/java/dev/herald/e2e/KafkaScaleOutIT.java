package dev.herald.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.local.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scale-out on a real Kafka broker: two packaged Herald instances with {@code HERALD_DISPATCH=kafka} on one
 * database both claim, publish to the topic and send; one is killed with SIGKILL mid-load. Every message still
 * reaches every endpoint (the dead worker's leases expire and the survivor claims, publishes and sends them again),
 * and no endpoint ever had more requests open at once than its cap, across both instances.
 */
class KafkaScaleOutIT {

    private static final int MESSAGES = 2000;
    private static final int ENDPOINTS = 2;
    private static final int CAP = 4;
    private static final Pattern SUCCEEDED = Pattern.compile(
            "herald_deliveries_total\\{[^}]*outcome=\"succeeded\"[^}]*}\\s+([0-9.Ee+]+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EmbeddedPostgres database;
    private static KafkaBroker kafka;

    @BeforeAll
    static void startDatabaseAndBroker() {
        CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(
                () -> KafkaBroker.start(Path.of("target", "e2e-kafka")));
        database = EmbeddedPostgres.start(null, Path.of("target", "e2e-pg-kafka"));
        kafka = broker.join();
    }

    @AfterAll
    static void stopDatabaseAndBroker() {
        if (kafka != null) {
            kafka.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void twoKafkaWorkersDeliverEveryMessageWithinEndpointCapsWhenOneIsKilledMidLoad() {
        // Started side by side: each takes a while to boot on a busy machine.
        CompletableFuture<PackagedHerald> startingA = CompletableFuture.supplyAsync(() -> worker("kafka-a").start());
        CompletableFuture<PackagedHerald> startingB = CompletableFuture.supplyAsync(() -> worker("kafka-b").start());
        try (EndpointReceiver receiver = new EndpointReceiver(Duration.ofMillis(30));
                AutoCloseable stopBoth = () -> List.of(startingA, startingB)
                        .forEach(starting -> starting.thenAccept(PackagedHerald::close));
                PackagedHerald a = startingA.join();
                PackagedHerald b = startingB.join()) {
            HeraldClient viaA = HeraldClient.newTenant(a.baseUri());
            HeraldClient viaB = viaA.via(b.baseUri());
            IntStream.range(0, ENDPOINTS).forEach(n -> viaA.addEndpoint(receiver.url(n)));

            CompletableFuture<List<String>> toA = CompletableFuture.supplyAsync(() -> viaA.send(MESSAGES / 2, 4));
            CompletableFuture<List<String>> toB = CompletableFuture.supplyAsync(() -> viaB.send(MESSAGES / 2, 4));
            long started = System.nanoTime();
            List<String> accepted = new ArrayList<>(toA.join());
            accepted.addAll(toB.join());
            assertThat(accepted).hasSize(MESSAGES).doesNotHaveDuplicates();

            // Which worker gets which endpoints depends on how their ids hash onto partitions: kill one that is busy.
            PackagedHerald victim = await("a worker sending deliveries it took from Kafka")
                    .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> succeeded(a) >= 100 ? a : succeeded(b) >= 100 ? b : null, v -> v != null);
            victim.kill();
            long killedAt = System.nanoTime();
            int beforeKill = receiver.distinctDeliveries();
            assertThat(beforeKill).as("killed mid-load, not after it").isLessThan(MESSAGES * ENDPOINTS);

            await("every accepted message at every endpoint").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> IntStream.range(0, ENDPOINTS)
                            .forEach(n -> assertThat(receiver.hook(n).ids()).containsAll(accepted)));
            for (int n = 0; n < ENDPOINTS; n++) {
                assertThat(receiver.hook(n).mostOpenAtOnce()).as("requests open at once at endpoint %d", n)
                        .isLessThanOrEqualTo(CAP);
            }
            System.out.printf("kafka scale-out: %d deliveries (%d before SIGKILL of %s at %d s, all by %d s), "
                    + "%d requests, most open at once per endpoint %s%n", receiver.distinctDeliveries(), beforeKill,
                    victim == a ? "a" : "b", (killedAt - started) / 1_000_000_000,
                    (System.nanoTime() - started) / 1_000_000_000, receiver.requests(),
                    IntStream.range(0, ENDPOINTS).mapToObj(n -> receiver.hook(n).mostOpenAtOnce()).toList());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A worker that also serves the API (HERALD_ROLE=all) with kafka dispatch and a small per-endpoint cap. */
    private static PackagedHerald worker(String name) {
        return PackagedHerald.on(name, database.jdbcUrl(), database.username())
                .with("HERALD_DISPATCH", "kafka")
                .with("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers())
                .with("HERALD_DELIVERY_KAFKA_PARTITIONS", "6")
                .with("HERALD_DELIVERY_ENDPOINT_CONCURRENCY", Integer.toString(CAP))
                .with("HERALD_DELIVERY_TIMEOUT", "4s")
                .with("HERALD_DELIVERY_LEASE", "10s")
                .with("HERALD_DELIVERY_THROTTLE_FLOOR", "500ms")
                .with("HERALD_DELIVERY_POLL_INTERVAL", "200ms")
                // Fail over quickly: a killed worker's partitions move after 6 s (the broker's least).
                .with("MP_MESSAGING_INCOMING_DELIVERY_QUEUED_SESSION_TIMEOUT_MS", "6000")
                .with("MP_MESSAGING_INCOMING_DELIVERY_QUEUED_HEARTBEAT_INTERVAL_MS", "1000");
    }

    /** Deliveries an instance has recorded as succeeded, from its Prometheus metrics. */
    private static double succeeded(PackagedHerald instance) {
        try {
            HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(instance.baseUri() + "/q/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher value = SUCCEEDED.matcher(metrics.body());
            return value.find() ? Double.parseDouble(value.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
