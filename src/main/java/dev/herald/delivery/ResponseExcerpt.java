package dev.herald.delivery;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.nio.charset.StandardCharsets;

/** Keeps the first bytes of a response body and drops the rest, so a huge answer costs no memory. */
final class ResponseExcerpt implements WriteStream<Buffer> {

    static final int MAX_BYTES = 4096;

    private final Buffer kept = Buffer.buffer();

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
        int room = MAX_BYTES - kept.length();
        if (room > 0) {
            kept.appendBuffer(data, 0, Math.min(room, data.length()));
        }
        return Future.succeededFuture();
    }

    @Override
    public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
        write(data).onComplete(handler);
    }

    @Override
    public void end(Handler<AsyncResult<Void>> handler) {
        handler.handle(Future.succeededFuture());
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        return this;
    }

    /** The kept bytes as text; PostgreSQL text cannot hold NUL, so those are dropped. */
    String text() {
        return kept.length() == 0 ? null
                : new String(kept.getBytes(), StandardCharsets.UTF_8).replace("\u0000", "");
    }
}
