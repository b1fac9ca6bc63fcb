package dev.herald.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

/**
 * Sends messages to Herald's ingest API with a pooled keep-alive Vert.x Web Client, either closed-loop (N callers,
 * each sending the next message when the previous one is answered: saturation) or open-loop (a fixed rate no matter
 * how fast Herald answers, latency measured from the planned send time so a stall is not hidden).
 */
final class LoadGenerator implements AutoCloseable {

    /** Where the n-th message goes; {@code counted} messages carry the scenario tag the receiver measures. */
    record Target(String app, boolean counted) {
    }

    /** What one measured window achieved: 202s, other answers, the window, 202 latency. */
    record Outcome(long accepted, long acceptedCounted, long failed, double seconds, Latencies.Summary latency,
            String lastError) {
        double perSecond() {
            return accepted / seconds;
        }
    }

    private static final String PADDING = "x".repeat(160);

    private final Vertx vertx;
    private final WebClient client;
    private final int port;
    private final String token;

    LoadGenerator(Vertx vertx, int port, String token, int poolSize) {
        this.vertx = vertx;
        this.port = port;
        this.token = token;
        this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setMaxPoolSize(poolSize)
                .setTcpNoDelay(true).setPipelining(false).setUserAgentEnabled(false));
    }

    /**
     * @param gate while false, callers hold back (e.g. to keep the delivery backlog bounded, so that the measured
     *             rate is one the whole pipeline sustains rather than ingest outrunning delivery)
     */
    Outcome closedLoop(String tag, int concurrency, Duration warmup, Duration measure, LongFunction<Target> targets,
            BooleanSupplier gate) throws InterruptedException {
        Window window = new Window(tag);
        AtomicLong sequence = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch stopped = new CountDownLatch(concurrency);
        // Callers the gate holds back wait here; one timer lets them go when it opens (a timer per waiting caller
        // per millisecond cost the load generator more CPU than the requests it sends).
        Queue<Runnable> held = new ConcurrentLinkedQueue<>();
        long releaser = vertx.setPeriodic(1, id -> {
            Runnable caller;
            while ((!running.get() || gate.getAsBoolean()) && (caller = held.poll()) != null) {
                caller.run();
            }
        });
        for (int i = 0; i < concurrency; i++) {
            new Object() {
                void next() {
                    if (!running.get()) {
                        stopped.countDown();
                        return;
                    }
                    if (!gate.getAsBoolean()) {
                        held.add(this::next);
                        return;
                    }
                    long n = sequence.getAndIncrement();
                    long planned = System.nanoTime();
                    send(window, targets.apply(n), n, planned, this::next);
                }
            }.next();
        }
        window.run(warmup, measure);
        running.set(false);
        stopped.await(30, TimeUnit.SECONDS);
        vertx.cancelTimer(releaser);
        return window.outcome();
    }

    Outcome openLoop(String tag, double perSecond, Duration warmup, Duration measure, LongFunction<Target> targets)
            throws InterruptedException {
        Window window = new Window(tag);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger inFlight = new AtomicInteger();
        Thread pacer = Thread.ofPlatform().name("bench-open-loop").start(() -> {
            long interval = (long) (1_000_000_000L / perSecond);
            long start = System.nanoTime();
            for (long n = 0; running.get(); n++) {
                long planned = start + n * interval;
                long wait;
                while ((wait = planned - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                inFlight.incrementAndGet();
                send(window, targets.apply(n), n, planned, inFlight::decrementAndGet);
            }
        });
        window.run(warmup, measure);
        running.set(false);
        pacer.join();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return window.outcome();
    }

    private void send(Window window, Target target, long n, long planned, Runnable then) {
        boolean measured = window.measuring;
        String tag = (measured ? window.tag : window.tag + "-warmup") + (target.counted() ? "" : "-uncounted");
        String body = "{\"s\":\"" + tag + "\",\"t\":" + planned + ",\"n\":" + n
                + ",\"data\":{\"invoice\":\"in_" + n + "\",\"amount\":1200,\"currency\":\"EUR\",\"note\":\""
                + PADDING + "\"}}";
        String json = "{\"eventType\":\"invoice.paid\",\"payload\":" + body + "}";
        client.post(port, "127.0.0.1", "/api/v1/apps/" + target.app() + "/messages")
                .putHeader("Authorization", "Bearer " + token)
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(json))
                .onComplete(result -> {
                    if (measured) {
                        window.record(result.succeeded() ? result.result() : null,
                                result.succeeded() ? null : result.cause(), target.counted(), planned);
                    }
                    then.run();
                });
    }

    @Override
    public void close() {
        client.close();
    }

    /** Counters of one run; only requests sent after the warm-up count. */
    private static final class Window {
        final String tag;
        final Latencies latencies = new Latencies();
        final LongAdder accepted = new LongAdder();
        final LongAdder acceptedCounted = new LongAdder();
        final LongAdder failed = new LongAdder();
        volatile boolean measuring;
        volatile String lastError;
        long started;
        long ended;

        Window(String tag) {
            this.tag = tag;
        }

        void run(Duration warmup, Duration measure) {
            Pause.of(warmup);
            started = System.nanoTime();
            measuring = true;
            Pause.of(measure);
            measuring = false;
            ended = System.nanoTime();
        }

        void record(HttpResponse<Buffer> response, Throwable error, boolean counted, long planned) {
            if (response != null && response.statusCode() == 202) {
                accepted.increment();
                if (counted) {
                    acceptedCounted.increment();
                }
                latencies.recordNanos(System.nanoTime() - planned);
            } else {
                failed.increment();
                lastError = response != null ? response.statusCode() + " " + response.bodyAsString()
                        : String.valueOf(error);
            }
        }

        Outcome outcome() {
            return new Outcome(accepted.sum(), acceptedCounted.sum(), failed.sum(), (ended - started) / 1e9,
                    latencies.summary(), lastError);
        }
    }
}
