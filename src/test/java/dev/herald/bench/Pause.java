package dev.herald.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** The benchmark's clock-driven waits: measurement windows of fixed length, and bounded waits for a condition. */
final class Pause {

    private Pause() {
    }

    /** Lets a measurement window of this length pass. */
    static void of(Duration window) {
        long end = System.nanoTime() + window.toNanos();
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    /** Waits until the condition holds or the limit passes; true when it holds. */
    static boolean until(BooleanSupplier condition, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            LockSupport.parkNanos(20_000_000);
        }
        return true;
    }
}
