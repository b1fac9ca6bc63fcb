package dev.herald.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Wakes the dispatcher once the current transaction has committed, so that work queued by the API (a resend, a
 * recover, an operational event) is claimed at once instead of at the next poll, and never before it is visible.
 */
@ApplicationScoped
public class WakeAfterCommit {

    private final TransactionSynchronizationRegistry transactions;
    private final DeliveryWakeup wakeup;

    WakeAfterCommit(TransactionSynchronizationRegistry transactions, DeliveryWakeup wakeup) {
        this.transactions = transactions;
        this.wakeup = wakeup;
    }

    public void afterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wakeup.wake();
                }
            }
        });
    }
}
