package dev.herald.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;

/** A thread-safe latency histogram in microseconds (1 µs to 10 min, 3 significant digits). */
final class Latencies {

    /** Percentiles in milliseconds. */
    record Summary(long count, double p50, double p95, double p99, double max) {
        static final Summary EMPTY = new Summary(0, 0, 0, 0, 0);
    }

    private final ConcurrentHistogram histogram = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);

    void recordNanos(long nanos) {
        histogram.recordValue(Math.max(1, Math.min(nanos / 1_000, histogram.getHighestTrackableValue())));
    }

    void reset() {
        histogram.reset();
    }

    Summary summary() {
        long count = histogram.getTotalCount();
        if (count == 0) {
            return Summary.EMPTY;
        }
        return new Summary(count, ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(95)),
                ms(histogram.getValueAtPercentile(99)), ms(histogram.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1_000.0;
    }
}
