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
import java.util.function.LongSupplier;

/** The measurements themselves; each returns its figures and leaves judging them to the caller. */
final class Scenarios {

    /**
     * How long each part runs; {@link #quick()} for a smoke run. A freshly started service first runs unmeasured
     * load in rounds of {@code jitRound} until its JIT compilers fall quiet (at most {@code jitRounds} rounds).
     */
    record Timing(Duration warmup, Duration measure, Duration latencyMeasure, Duration noisyMeasure, int ceilingSeconds,
            Duration jitRound, int jitRounds) {
        static Timing full() {
            // 25 s of warm-up: with 5 s the JIT compilers of the service and the load generator still took a
            // quarter of the machine during the measured window, and the figures were a third of the steady state.
            // Latency windows of 60 s: their p99 of about 6 ms follows the disk's flush stalls in the window (the
            // commit probe's p99 and the scenario's moved together in every run), and with 20-30 s windows two
            // windows of the same scenario differed by up to 39 %, twice the +20 % that scenarios 4 and 5 are judged by.
            return new Timing(Duration.ofSeconds(25), Duration.ofSeconds(30), Duration.ofSeconds(60),
                    Duration.ofSeconds(60), 8, Duration.ofSeconds(10), 12);
        }

        /** This timing with the warm-up and the measured window replaced where given (seconds). */
        Timing overridden(String warmupSeconds, String measureSeconds) {
            Duration w = warmupSeconds == null ? warmup : Duration.ofSeconds(Long.parseLong(warmupSeconds));
            Duration m = measureSeconds == null ? measure : Duration.ofSeconds(Long.parseLong(measureSeconds));
            return new Timing(w, m, measureSeconds == null ? latencyMeasure : m,
                    measureSeconds == null ? noisyMeasure : m, ceilingSeconds, jitRound, jitRounds);
        }

        static Timing smoke() {
            return new Timing(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), 1, Duration.ofMillis(500), 1);
        }

        static Timing quick() {
            return new Timing(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(3),
                    Duration.ofSeconds(4), 2, Duration.ofSeconds(2), 1);
        }
    }

    /** A service's warm-up: how long it ran, and its JIT compilers' CPU time in all and in the last round. */
    record WarmUp(int rounds, double seconds, long jitMillis, long lastRoundJitMillis, double lastRoundSeconds) {

        /** The last round's JIT CPU as a share of one core. */
        double lastRoundJitShare() {
            return lastRoundSeconds == 0 ? 0 : lastRoundJitMillis / (lastRoundSeconds * 1000);
        }
    }

    /** Throughput figures of a saturation run. */
    record Throughput(double ingestPerSecond, double deliveriesPerSecond, Latencies.Summary ingestLatency,
            double cpuMsPerItem, long failed, String lastError, long backlogAtEnd, String cpuSplit,
            double machineBusy, long jitMillis) {
    }

    /** Latency figures of a fixed-rate run. */
    record Latency(double sentPerSecond, Latencies.Summary endToEnd, Latencies.Summary ingest, long expected,
            long failed, String lastError, Latencies.Summary commits) {
    }

    /** The JIT is quiet when its compilers use less than this share of one core. */
    static final double JIT_QUIET = 0.05;

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

    /**
     * Brings a freshly started service to its steady state before anything is measured: saturation load, unmeasured,
     * in rounds that cycle through {@code appSets} (so every path the scenarios take gets compiled), until a round in
     * which the service's JIT compilers used less than {@link #JIT_QUIET} of a core. On this 2-core machine the C2
     * compiler of a service started 30–60 s earlier still took a sixth of the machine in scenario 2a's window, and
     * code not yet compiled by it runs several times slower: that measured the JIT, not Herald.
     *
     * @param jitMillis the service's JIT compilers' CPU time so far ({@link HeraldProcess#jitCpuMillis})
     * @param delivering whether the service delivers (then the callers hold back while 5,000 deliveries wait)
     */
    WarmUp warmUp(LongSupplier jitMillis, LoadGenerator load, List<List<App>> appSets, boolean delivering)
            throws InterruptedException {
        long started = System.nanoTime();
        long jitBefore = jitMillis.getAsLong();
        int rounds = 0;
        long roundJit;
        double roundSeconds;
        do {
            List<App> apps = appSets.get(rounds % appSets.size());
            Feed feed = new Feed(apps, delivering ? apps.getFirst().endpointIds().size() : 0, 5_000);
            long jit = jitMillis.getAsLong();
            long roundStarted = System.nanoTime();
            load.closedLoop("warmup", 64, Duration.ZERO, timing.jitRound(), feed::next, feed::open);
            roundJit = jitMillis.getAsLong() - jit;
            roundSeconds = (System.nanoTime() - roundStarted) / 1e9;
            rounds++;
        } while (rounds < timing.jitRounds()
                && (rounds < appSets.size() || roundJit > JIT_QUIET * roundSeconds * 1000));
        return new WarmUp(rounds, (System.nanoTime() - started) / 1e9, jitMillis.getAsLong() - jitBefore, roundJit,
                roundSeconds);
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
                cpu.used.busyPercent(), cpu.jitMillis);
    }

    /**
     * Scenario 2: messages in as fast as the whole pipeline sustains and delivered to the receiver; the sender
     * holds back while more than {@code maxBacklog} deliveries are waiting, so the rate is a sustained one.
     */
    Throughput endToEnd(String tag, HeraldProcess herald, LoadGenerator load, List<App> apps, int fanOut,
            int concurrency, long maxBacklog, BenchDatabase db) throws Exception {
        Feed feed = new Feed(apps, fanOut, maxBacklog);
        CpuWindow cpu = new CpuWindow(herald, timing);
        Outcome outcome = load.closedLoop(tag, concurrency, timing.warmup(), timing.measure(), feed::next,
                feed::open);
        cpu.join();
        double delivered = cpu.received;
        long backlog = db.count("select count(*) from delivery where state in ('pending', 'sending')");
        return new Throughput(outcome.perSecond(), delivered / cpu.seconds, outcome.latency(),
                cpuShare(cpu.millis, cpu.received), outcome.failed(), outcome.lastError(), backlog,
                cpu.used.perItem(cpu.received), cpu.used.busyPercent(), cpu.jitMillis);
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

    /**
     * Messages round-robin over the apps for a closed loop, held back while more than {@code maxBacklog} of their
     * deliveries ({@code fanOut} each; 0 when the service does not deliver) have not reached the receiver.
     */
    private final class Feed {
        private final List<App> apps;
        private final int fanOut;
        private final long maxBacklog;
        private final LongAdder sent = new LongAdder();
        private final long receivedBefore = receiver.total();

        Feed(List<App> apps, int fanOut, long maxBacklog) {
            this.apps = apps;
            this.fanOut = fanOut;
            this.maxBacklog = maxBacklog;
        }

        Target next(long n) {
            sent.increment();
            return new Target(apps.get((int) (n % apps.size())).id(), true);
        }

        boolean open() {
            return sent.sum() * fanOut - (receiver.total() - receivedBefore) < maxBacklog;
        }
    }

    /** The service's CPU time (and its JIT's) and the receiver's count over the measured window (after the warm-up). */
    private final class CpuWindow {
        private final Thread thread;
        volatile long millis;
        volatile long jitMillis;
        volatile long received;
        volatile double seconds;
        volatile MachineCpu.Sample used;

        private CpuWindow(HeraldProcess herald, Timing timing) {
            thread = Thread.ofPlatform().name("bench-cpu-window").start(() -> {
                Pause.of(timing.warmup());
                MachineCpu.Sample before = MachineCpu.sample(herald);
                long cpu = herald.cpuMillis();
                long jit = herald.jitCpuMillis();
                long count = receiver.total();
                long started = System.nanoTime();
                Pause.of(timing.measure());
                seconds = (System.nanoTime() - started) / 1e9;
                millis = herald.cpuMillis() - cpu;
                jitMillis = herald.jitCpuMillis() - jit;
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
