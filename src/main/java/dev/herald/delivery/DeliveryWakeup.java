package dev.herald.delivery;

import dev.herald.message.MessageAccepted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Tells the dispatcher there is new due work, so that it claims it now rather than at the next poll. Call
 * {@link #wake()} after the transaction that inserted or re-queued deliveries has committed. Cheap and
 * non-blocking; many calls in a row cost one claim.
 */
@ApplicationScoped
public class DeliveryWakeup {

    private final Semaphore signal = new Semaphore(0);

    public void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /** Ingest committed a message with deliveries left in the table: claim them now, not at the next poll. */
    void accepted(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessageAccepted message) {
        if (message.queued() > 0) {
            wake();
        }
    }

    /** Waits until woken or the timeout passes. */
    void await(Duration timeout) throws InterruptedException {
        if (signal.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            signal.drainPermits();
        }
    }
}
