package dev.herald.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on 127.0.0.1 that counts every {@code webhook-id} it is sent and answers 204 after a chosen
 * latency. The latency is served by a scheduler, not by blocking a thread, so that a slow receiver stays cheap.
 */
final class IdRecordingReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(8);
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Duration latency;

    IdRecordingReceiver(Duration latency) {
        this.latency = latency;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void latency(Duration latency) {
        this.latency = latency;
    }

    /** Distinct message ids received so far. */
    Set<String> ids() {
        return received.keySet();
    }

    int requests() {
        return requests.get();
    }

    /** Requests beyond the first per message id. */
    int duplicates() {
        return requests.get() - received.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        if (id != null) {
            received.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            requests.incrementAndGet();
        }
        answers.schedule(() -> answer(exchange), latency.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void answer(HttpExchange exchange) {
        try {
            exchange.sendResponseHeaders(204, -1);
        } catch (IOException e) {
            // The sender gave up (or was killed) while we waited: nothing to answer.
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        answers.shutdownNow();
        handlers.shutdownNow();
    }
}
