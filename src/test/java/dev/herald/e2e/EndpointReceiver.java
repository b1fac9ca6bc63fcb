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
 * Webhook receivers on 127.0.0.1, one per path ({@code /hook/<n>}, one Herald endpoint each), answering 204 after
 * a latency that can be changed on the fly (served by a scheduler, so a slow receiver costs no threads). Per path it
 * records the {@code webhook-id}s received, the requests, and the most requests it had open at once: the endpoint's
 * observed concurrency.
 */
final class EndpointReceiver implements AutoCloseable {

    /** What one path (one endpoint) saw. */
    static final class Hook {
        private final Set<String> ids = ConcurrentHashMap.newKeySet();
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger open = new AtomicInteger();
        private final AtomicInteger mostOpen = new AtomicInteger();

        Set<String> ids() {
            return ids;
        }

        int requests() {
            return requests.get();
        }

        int mostOpenAtOnce() {
            return mostOpen.get();
        }

        /** Requests beyond the first per message id. */
        int duplicates() {
            return requests.get() - ids.size();
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(8);
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Hook> hooks = new ConcurrentHashMap<>();
    private volatile Duration latency;

    EndpointReceiver(Duration latency) {
        this.latency = latency;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    String url(int n) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/" + n;
    }

    void latency(Duration latency) {
        this.latency = latency;
    }

    Hook hook(int n) {
        return hooks.computeIfAbsent("/hook/" + n, k -> new Hook());
    }

    int distinctDeliveries() {
        return hooks.values().stream().mapToInt(p -> p.ids.size()).sum();
    }

    int requests() {
        return hooks.values().stream().mapToInt(p -> p.requests.get()).sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Hook hook = hooks.computeIfAbsent(exchange.getRequestURI().getPath(), k -> new Hook());
        hook.mostOpen.accumulateAndGet(hook.open.incrementAndGet(), Math::max);
        exchange.getRequestBody().readAllBytes();
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        if (id != null) {
            hook.ids.add(id);
        }
        hook.requests.incrementAndGet();
        answers.schedule(() -> answer(hook, exchange), latency.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void answer(Hook hook, HttpExchange exchange) {
        // Closed before answering: once Herald has the answer it may send the next one at once.
        hook.open.decrementAndGet();
        try {
            exchange.sendResponseHeaders(204, -1);
        } catch (IOException e) {
            // The sender went away (killed) while we waited: nothing to answer.
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
