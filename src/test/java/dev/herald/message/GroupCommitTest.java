package dev.herald.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Concurrent messages share transactions (group commit) without losing any of the single-request rules. */
@QuarkusTest
class GroupCommitTest {

    private static final int RACERS = 24;

    @Inject
    GroupCommit groupCommit;

    private TenantKey tenant;
    private String appId;

    @BeforeEach
    void aTenantWithAnAppAndTwoEndpoints() {
        tenant = TestTenants.aTenant("Group commit");
        for (String type : List.of("invoice.paid", "user.created")) {
            tenant.request().body("{\"name\":\"" + type + "\"}").post("/api/v1/event-types").then().statusCode(201);
        }
        appId = tenant.request().body("{\"name\":\"Customer\"}").post("/api/v1/apps").then().statusCode(201)
                .extract().path("id");
        for (String endpoint : List.of("{\"url\":\"http://127.0.0.1:9/all\"}",
                "{\"url\":\"http://127.0.0.1:9/users\",\"filterTypes\":[\"user.created\"]}",
                "{\"url\":\"http://127.0.0.1:9/eu\",\"channels\":[\"eu\"]}")) {
            tenant.request().body(endpoint).post("/api/v1/apps/" + appId + "/endpoints").then().statusCode(201);
        }
    }

    @Test
    void anInstanceThatDeliversInProcessWritesWithOneWriterAndOneThatOnlyIngestsWithTwo() {
        // The test instance delivers in-process: its batches lease deliveries under the claim lock.
        assertThat(groupCommit.writers()).isEqualTo(1);
        assertThat(GroupCommit.writers(Optional.empty(), false)).isEqualTo(2);
        assertThat(GroupCommit.writers(Optional.of(3), true)).as("as configured").isEqualTo(3);
    }

    @Test
    void concurrentMessagesAreEachStoredOnceWithTheirOwnFanOut() throws Exception {
        List<String> ids = race(i -> i % 2 == 0
                ? "{\"eventType\":\"invoice.paid\",\"payload\":{\"n\":" + i + "},\"channels\":[\"eu\"]}"
                : "{\"eventType\":\"user.created\",\"payload\":{\"n\":" + i + "}}");

        assertThat(new HashSet<>(ids)).hasSize(RACERS);
        assertThat(MessageIngestTest.count("select count(*) from message where app_id = '" + appId + "'"))
                .isEqualTo(RACERS);
        // invoice.paid in "eu": the catch-all and the eu endpoint; user.created without channels: catch-all + users
        for (String id : ids) {
            assertThat(MessageIngestTest.count("select count(*) from delivery where message_id = '" + id + "'"))
                    .isEqualTo(2);
        }
    }

    @Test
    void concurrentMessagesWithOneEventIdCreateOneMessage() throws Exception {
        List<String> ids = race(i -> "{\"eventType\":\"invoice.paid\",\"eventId\":\"evt-race\",\"payload\":{\"n\":"
                + i + "}}");

        assertThat(ids).hasSize(RACERS).containsOnly(ids.getFirst());
        assertThat(MessageIngestTest.count("select count(*) from message where app_id = '" + appId + "'"))
                .isEqualTo(1);
        assertThat(MessageIngestTest.count("select count(*) from delivery where app_id = '" + appId + "'"))
                .isEqualTo(1);
    }

    private List<String> race(IntFunction<String> bodies) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                String body = bodies.apply(i);
                Callable<String> racer = () -> {
                    start.await();
                    return tenant.request().body(body).post("/api/v1/apps/" + appId + "/messages")
                            .then().statusCode(202).extract().path("id");
                };
                answers.add(pool.submit(racer));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<String> answer : answers) {
                ids.add(answer.get());
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }
}
