package dev.herald.delivery;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a delivery (one message to one endpoint) stands, with the only changes allowed between states. The
 * database column {@code delivery.state} holds {@link #dbValue()}.
 */
public enum DeliveryState {
    /** Waiting for {@code next_attempt_at}. */
    PENDING,
    /** Leased by one worker until {@code lease_until}; an expired lease makes it due again. */
    SENDING,
    SUCCEEDED,
    /** Every scheduled attempt failed; only a manual resend or recover moves it again. */
    EXHAUSTED,
    /** Its endpoint was disabled before it could succeed. */
    CANCELLED;

    private static final Map<DeliveryState, Set<DeliveryState>> ALLOWED = Map.of(
            PENDING, EnumSet.of(SENDING, CANCELLED),
            // SENDING -> SENDING: an expired lease is claimed again by another worker.
            SENDING, EnumSet.of(SUCCEEDED, PENDING, EXHAUSTED, CANCELLED, SENDING),
            SUCCEEDED, EnumSet.of(PENDING),
            // Manual resend and recover put finished deliveries back in the queue.
            EXHAUSTED, EnumSet.of(PENDING),
            CANCELLED, EnumSet.of(PENDING));

    public boolean canMoveTo(DeliveryState next) {
        return ALLOWED.get(this).contains(next);
    }

    public DeliveryState moveTo(DeliveryState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("A delivery cannot go from " + this + " to " + next);
        }
        return next;
    }

    public boolean isFinal() {
        return this == SUCCEEDED || this == EXHAUSTED || this == CANCELLED;
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryState fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
