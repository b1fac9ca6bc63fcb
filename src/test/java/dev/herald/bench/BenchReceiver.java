package dev.herald.bench;

import com.standardwebhooks.Webhook;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fastest honest webhook receiver: a Vert.x HTTP server on 127.0.0.1 that answers 204 at once, except under
 * {@code /hang/} where it never answers (a timing-out endpoint). Every request's body carries the scenario tag and
 * the nanoTime its message was meant to be sent; requests of the current scenario feed the ingest→receiver latency.
 * One request in {@code verifyEvery} has its Standard Webhooks signature checked with the official library.
 */
final class BenchReceiver implements AutoCloseable {

    static final String OK = "/ok/";
    static final String HANG = "/hang/";
    /**
     * With {@code BENCH_SLOW_MS} set, every measured message slower than that and every hanging request is printed
     * with its wall-clock time, to line up a latency tail with what else happened then (say, the log of PostgreSQL).
     */
    private static final long SLOW_NANOS = Long.parseLong(System.getenv().getOrDefault("BENCH_SLOW_MS", "0"))
            * 1_000_000;
    /** Not a webhook: the raw HTTP ceiling posts here. */
    static final String RAW = "/raw";

    private final Vertx vertx;
    private volatile Webhook verifier;
    private final int verifyEvery;
    private final Latencies latencies = new Latencies();
    private final LongAdder total = new LongAdder();
    private final LongAdder inScenario = new LongAdder();
    private final LongAdder hanging = new LongAdder();
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong verifyFailures = new AtomicLong();
    private final AtomicLong sampler = new AtomicLong();
    private final AtomicInteger port = new AtomicInteger();
    private volatile String scenario = "-";
    private volatile String lastVerifyFailure;

    BenchReceiver(Vertx vertx, int verifyEvery) {
        this.vertx = vertx;
        this.verifyEvery = verifyEvery;
    }

    /** The secret every endpoint signs with; until it is set nothing is verified. */
    void secret(String secret) {
        try {
            verifier = new Webhook(secret);
        } catch (com.standardwebhooks.exceptions.EmptyWebhookSecretException e) {
            throw new IllegalArgumentException(e);
        }
    }

    BenchReceiver start() throws Exception {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port.set(probe.getLocalPort());
        }
        // One server instance per event loop sharing the port, so the receiver can use both cores.
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start(io.vertx.core.Promise<Void> started) {
                vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port.get())
                                .setTcpNoDelay(true))
                        .requestHandler(BenchReceiver.this::handle)
                        .listen()
                        .<Void>mapEmpty()
                        .onComplete(started);
            }
        }, new DeploymentOptions().setInstances(2)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port.get() + path;
    }

    int port() {
        return port.get();
    }

    /** Starts counting a new scenario: only messages tagged with it count from now on. */
    void scenario(String tag) {
        scenario = tag;
        latencies.reset();
        inScenario.reset();
    }

    long total() {
        return total.sum();
    }

    long inScenario() {
        return inScenario.sum();
    }

    long hanging() {
        return hanging.sum();
    }

    Latencies.Summary latency() {
        return latencies.summary();
    }

    long verified() {
        return verified.get();
    }

    long verifyFailures() {
        return verifyFailures.get();
    }

    String lastVerifyFailure() {
        return lastVerifyFailure;
    }

    private void handle(HttpServerRequest request) {
        if (request.path().startsWith(HANG)) {
            hanging.increment();
            if (SLOW_NANOS > 0) {
                System.err.printf("hang %d%n", System.currentTimeMillis());
            }
            return; // never answered: the sender's timeout ends it
        }
        request.body().onSuccess(body -> {
            long arrived = System.nanoTime();
            total.increment();
            countIfTagged(body, arrived);
            if (request.path().startsWith(OK) && sampler.incrementAndGet() % verifyEvery == 0) {
                verify(request, body);
            }
            request.response().setStatusCode(204).end();
        });
    }

    private void countIfTagged(Buffer body, long arrived) {
        String text = body.toString(StandardCharsets.UTF_8);
        String tag = field(text, "\"s\":\"", '"');
        if (tag == null || !tag.equals(scenario)) {
            return;
        }
        String sentAt = field(text, "\"t\":", ',');
        if (sentAt != null) {
            inScenario.increment();
            long latency = arrived - Long.parseLong(sentAt.trim());
            latencies.recordNanos(latency);
            if (SLOW_NANOS > 0 && latency > SLOW_NANOS) {
                System.err.printf("slow %s %d %.1f%n", tag, System.currentTimeMillis(), latency / 1e6);
            }
        }
    }

    private void verify(HttpServerRequest request, Buffer body) {
        Webhook verifier = this.verifier;
        if (verifier == null) {
            return;
        }
        Map<String, List<String>> headers = new java.util.HashMap<>();
        request.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(java.util.Locale.ROOT),
                k -> new ArrayList<>()).add(h.getValue()));
        try {
            verifier.verify(body.toString(StandardCharsets.UTF_8), headers);
            verified.incrementAndGet();
        } catch (Exception e) {
            verifyFailures.incrementAndGet();
            lastVerifyFailure = e.toString();
        }
    }

    private static String field(String text, String prefix, char end) {
        int start = text.indexOf(prefix);
        if (start < 0) {
            return null;
        }
        start += prefix.length();
        int stop = text.indexOf(end, start);
        return stop < 0 ? null : text.substring(start, stop);
    }

    @Override
    public void close() {
        // The Vertx instance belongs to the caller, who closes it (and with it these servers).
    }
}
