package dev.herald.bench;

import dev.herald.bench.BenchFixture.App;
import dev.herald.bench.LoadGenerator.Outcome;
import dev.herald.bench.LoadGenerator.Target;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/** The measurements themselves; each returns its figures and leaves judging them to the caller. */
final class Scenarios {

    /** How long each part runs; {@link #quick()} for a smoke run. */
    record Timing(Duration warmup, Duration measure, Duration latencyMeasure, Duration noisyMeasure, int ceilingSeconds) {
        static Timing full() {
            // 25 s of warm-up: with 5 s the JIT compilers of the service and the load generator still took a
            // quarter of the machine during the measured window, and the figures were a third of the steady state.
            return new Timing(Duration.ofSeconds(25), Duration.ofSeconds(30), Duration.ofSeconds(20),
                    Duration.ofSeconds(30), 8);
        }

        /** This timing with the warm-up and the measured window replaced where given (seconds). */
        Timing overridden(String warmupSeconds, String measureSeconds) {
            Duration w = warmupSeconds == null ? warmup : Duration.ofSeconds(Long.parseLong(warmupSeconds));
            Duration m = measureSeconds == null ? measure : Duration.ofSeconds(Long.parseLong(measureSeconds));
            return new Timing(w, m, measureSeconds == null ? latencyMeasure : m,
                    measureSeconds == null ? noisyMeasure : m, ceilingSeconds);
        }

        static Timing smoke() {
            return new Timing(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), 1);
        }

        static Timing quick() {
            return new Timing(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(3),
                    Duration.ofSeconds(4), 2);
        }
    }

    /** Throughput figures of a saturation run. */
    record Throughput(double ingestPerSecond, double deliveriesPerSecond, Latencies.Summary ingestLatency,
            double cpuMsPerItem, long failed, String lastError, long backlogAtEnd, String cpuSplit,
            double machineBusy) {
    }

    /** Latency figures of a fixed-rate run. */
    record Latency(double sentPerSecond, Latencies.Summary endToEnd, Latencies.Summary ingest, long expected,
            long failed, String lastError, Latencies.Summary commits) {
    }

    private final Vertx vertx;
    private final BenchReceiver receiver;
    private final Timing timing;
    private final CommitProbe.Connections database;

    Scenarios(Vertx vertx, BenchReceiver receiver, Timing timing, CommitProbe.Connections database) {
        this.vertx = vertx;
        this.receiver = receiver;
        this.timing = timing;
        this.database = database;
    }

    /** Ceiling: plain Vert.x Web Client POSTs of a webhook-sized body to the receiver, no Herald in between. */
    double rawClientCeiling(int concurrency) throws InterruptedException {
        WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true)
                .setMaxPoolSize(concurrency).setTcpNoDelay(true));
        Buffer body = Buffer.buffer("{\"s\":\"raw\",\"t\":0,\"data\":{\"invoice\":\"in_1\",\"note\":\""
                + "x".repeat(200) + "\"}}");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean measuring = new AtomicBoolean();
        LongAdder done = new LongAdder();
        CountDownLatch stopped = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            new Object() {
                void next() {
                    if (!running.get()) {
                        stopped.countDown();
                        return;
                    }
                    client.post(receiver.port(), "127.0.0.1", BenchReceiver.RAW)
                            .putHeader("Content-Type", "application/json").sendBuffer(body)
                            .onComplete(r -> {
                                if (measuring.get() && r.succeeded() && r.result().statusCode() == 204) {
                                    done.increment();
                                }
                                next();
                            });
                }
            }.next();
        }
        Pause.of(Duration.ofSeconds(2));
        measuring.set(true);
        long started = System.nanoTime();
        Pause.of(Duration.ofSeconds(timing.ceilingSeconds()));
        measuring.set(false);
        double elapsed = (System.nanoTime() - started) / 1e9;
        running.set(false);
        stopped.await(10, TimeUnit.SECONDS);
        client.close();
        return done.sum() / elapsed;
    }

    /** Scenario 1: as many messages as Herald accepts durably (202), with delivery switched off. */
    Throughput ingestOnly(HeraldProcess herald, LoadGenerator load, List<App> apps, int concurrency)
            throws InterruptedException {
        CpuWindow cpu = new CpuWindow(herald, timing);
        Outcome outcome = load.closedLoop("ingest", concurrency, timing.warmup(), timing.measure(),
                n -> new Target(apps.get((int) (n % apps.size())).id(), true), () -> true);
        cpu.join();
        return new Throughput(outcome.perSecond(), 0, outcome.latency(), cpuShare(cpu.millis, outcome.accepted()),
                outcome.failed(), outcome.lastError(), 0, cpu.used.perItem(outcome.accepted()),
                cpu.used.busyPercent());
    }

    /**
     * Scenario 2: messages in as fast as the whole pipeline sustains and delivered to the receiver; the sender
     * holds back while more than {@code maxBacklog} deliveries are waiting, so the rate is a sustained one.
     */
    Throughput endToEnd(String tag, HeraldProcess herald, LoadGenerator load, List<App> apps, int fanOut,
            int concurrency, long maxBacklog, BenchDatabase db) throws Exception {
        LongAdder accepted = new LongAdder();
        long receivedBefore = receiver.total();
        CpuWindow cpu = new CpuWindow(herald, timing);
        Outcome outcome = load.closedLoop(tag, concurrency, timing.warmup(), timing.measure(),
                n -> {
                    accepted.increment();
                    return new Target(apps.get((int) (n % apps.size())).id(), true);
                },
                () -> accepted.sum() * fanOut - (receiver.total() - receivedBefore) < maxBacklog);
        cpu.join();
        double delivered = cpu.received;
        long backlog = db.count("select count(*) from delivery where state in ('pending', 'sending')");
        return new Throughput(outcome.perSecond(), delivered / cpu.seconds, outcome.latency(),
                cpuShare(cpu.millis, cpu.received), outcome.failed(), outcome.lastError(), backlog,
                cpu.used.perItem(cpu.received), cpu.used.busyPercent());
    }

    /**
     * Scenarios 3–5: a fixed rate of messages, spread round-robin over the apps; latency from the moment each
     * message was due to be sent until the receiver has it. Messages to {@code hanging} apps are not measured.
     */
    Latency fixedRate(String tag, LoadGenerator load, List<App> apps, List<App> hanging, double perSecond,
            Duration measure) throws InterruptedException, SQLException {
        receiver.scenario(tag);
        int all = apps.size() + hanging.size();
        Outcome outcome;
        Latencies.Summary commits;
        try (CommitProbe probe = new CommitProbe(database, timing.warmup())) {
            outcome = load.openLoop(tag, perSecond, timing.warmup(), measure, n -> {
                int i = (int) (n % all);
                return i < apps.size() ? new Target(apps.get(i).id(), true)
                        : new Target(hanging.get(i - apps.size()).id(), false);
            });
            commits = probe.window();
        }
        long expected = outcome.acceptedCounted();
        Pause.until(() -> receiver.inScenario() >= expected, Duration.ofSeconds(30));
        return new Latency(outcome.perSecond(), receiver.latency(), outcome.latency(), expected, outcome.failed(),
                outcome.lastError(), commits);
    }

    /** The service's CPU time and the receiver's count over the measured window (after the warm-up). */
    private final class CpuWindow {
        private final Thread thread;
        volatile long millis;
        volatile long received;
        volatile double seconds;
        volatile MachineCpu.Sample used;

        private CpuWindow(HeraldProcess herald, Timing timing) {
            thread = Thread.ofPlatform().name("bench-cpu-window").start(() -> {
                Pause.of(timing.warmup());
                MachineCpu.Sample before = MachineCpu.sample(herald);
                long cpu = herald.cpuMillis();
                long count = receiver.total();
                long started = System.nanoTime();
                Pause.of(timing.measure());
                seconds = (System.nanoTime() - started) / 1e9;
                millis = herald.cpuMillis() - cpu;
                received = receiver.total() - count;
                used = MachineCpu.sample(herald).minus(before);
            });
        }

        void join() throws InterruptedException {
            thread.join();
        }
    }

    private static double cpuShare(long cpuMillis, long items) {
        return items == 0 ? 0 : (double) cpuMillis / items;
    }
}
