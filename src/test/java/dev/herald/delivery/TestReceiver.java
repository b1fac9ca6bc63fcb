package dev.herald.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on 127.0.0.1 for tests: each path answers with a script of replies (the last one repeats)
 * and every request is kept (headers, exact body bytes, arrival time).
 */
final class TestReceiver implements AutoCloseable {

    record Received(String path, Map<String, List<String>> headers, byte[] body, long arrivedNanos) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
        }
    }

    /** One scripted answer; {@code holdMillis} keeps the request open first (a slow or hanging receiver). */
    record Reply(int status, Map<String, String> headers, String body, long holdMillis) {
        static Reply status(int status) {
            return new Reply(status, Map.of(), "", 0);
        }

        static Reply status(int status, Map<String, String> headers) {
            return new Reply(status, headers, "", 0);
        }

        static Reply slow(int status, long holdMillis) {
            return new Reply(status, Map.of(), "", holdMillis);
        }

        static Reply hang() {
            return new Reply(200, Map.of(), "", 60_000);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Queue<Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Reply> lastReplies = new ConcurrentHashMap<>();
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();

    TestReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Scripts a path: the replies in order, the last one for every later request. */
    String url(String path, Reply... replies) {
        scripts.put(path, new ConcurrentLinkedQueue<>(List.of(replies)));
        lastReplies.put(path, replies[replies.length - 1]);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> received(String path) {
        List<Received> matching = new ArrayList<>();
        received.stream().filter(r -> r.path().equals(path)).forEach(matching::add);
        return matching;
    }

    int maxConcurrent() {
        return maxConcurrent.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body, System.nanoTime()));
            Queue<Reply> script = scripts.get(path);
            Reply reply = script == null ? Reply.status(404)
                    : script.size() > 1 ? script.poll() : lastReplies.get(path);
            if (reply.holdMillis() > 0) {
                stopping.await(reply.holdMillis(), TimeUnit.MILLISECONDS);
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] answer = reply.body().getBytes();
            exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // The sender gave up (timeout); nothing to answer.
        } finally {
            concurrent.decrementAndGet();
        }
    }

    @Override
    public void close() {
        stopping.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
