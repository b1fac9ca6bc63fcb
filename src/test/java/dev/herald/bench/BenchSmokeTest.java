package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.TestTenants;
import dev.herald.bench.BenchFixture.App;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's tiny CI version: the harness's own parts (fixture through the API, a warm-up round of closed-loop
 * load, open-loop load generator, receiver measuring latency and verifying every signature) against the application
 * under test, for a second at 50 messages/s. It proves the harness works, not how fast Herald is: that is {@code bench/run}'s job.
 */
@QuarkusTest
class BenchSmokeTest {

    @Inject
    DataSource db;

    private Vertx vertx;
    private BenchReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        receiver = new BenchReceiver(vertx, 1).start();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void aFixedRateRunDeliversEveryMessageSignedAndMeasuresItsLatency() throws Exception {
        BenchFixture fixture = new BenchFixture("http://127.0.0.1:" + RestAssured.port)
                .tenant(TestTenants.ADMIN_TOKEN);
        receiver.secret(fixture.secret());
        List<App> apps = fixture.apps("smoke", 3, 1, receiver.url(BenchReceiver.OK));
        Scenarios scenarios = new Scenarios(vertx, receiver, Scenarios.Timing.smoke(), db::getConnection);

        Scenarios.Latency run;
        Scenarios.WarmUp warmUp;
        long pid = ProcessHandle.current().pid();
        try (LoadGenerator load = new LoadGenerator(vertx, RestAssured.port, fixture.token(), 8)) {
            warmUp = scenarios.warmUp(() -> HeraldProcess.jitCpuMillis(pid), load, List.of(apps), true);
            run = scenarios.fixedRate("smoke", load, apps, List.of(), 50, Duration.ofSeconds(1));
        }

        // One round of unmeasured load (the smoke timing's limit), timed, with this JVM's compilers read from /proc.
        assertThat(warmUp.rounds()).isEqualTo(1);
        assertThat(warmUp.lastRoundSeconds()).isGreaterThanOrEqualTo(0.5);
        assertThat(warmUp.jitMillis()).isNotNegative();
        assertThat(HeraldProcess.jitCpuMillis(pid)).as("this JVM has compiled code by now").isPositive();

        assertThat(run.failed()).isZero();
        assertThat(run.expected()).isBetween(40L, 60L);
        assertThat(run.endToEnd().count()).isEqualTo(run.expected());
        assertThat(run.endToEnd().p50()).isPositive().isLessThanOrEqualTo(run.endToEnd().p99());
        // The probe committed through the measured second (every 5 ms, so about 200 times, fewer on a slow disk).
        assertThat(run.commits().count()).isPositive();
        assertThat(run.commits().p50()).isPositive().isLessThanOrEqualTo(run.commits().max());
        assertThat(receiver.verifyFailures()).as(String.valueOf(receiver.lastVerifyFailure())).isZero();
        assertThat(receiver.verified()).isGreaterThanOrEqualTo(run.expected());
    }
}
