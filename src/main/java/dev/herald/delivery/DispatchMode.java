package dev.herald.delivery;

/**
 * How claimed deliveries reach the senders ({@code herald.dispatch}, env {@code HERALD_DISPATCH}). In both modes
 * PostgreSQL holds the truth, the leases and the retry schedule.
 */
public enum DispatchMode {
    /** Each instance sends what it claims, through in-memory channels. No broker. */
    IN_PROCESS,
    /** Instances publish what they claim to a Kafka topic keyed by endpoint; every worker consumes from it. */
    KAFKA
}
