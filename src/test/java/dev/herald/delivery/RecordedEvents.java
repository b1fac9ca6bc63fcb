package dev.herald.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Collects the engine's CDI events during tests. */
@ApplicationScoped
class RecordedEvents {

    private final Queue<DeliveryExhausted> exhausted = new ConcurrentLinkedQueue<>();
    private final Queue<EndpointDisabled> disabled = new ConcurrentLinkedQueue<>();

    // Methods, not fields: the test holds a client proxy, whose fields are not the bean's.
    List<DeliveryExhausted> exhausted() {
        return List.copyOf(exhausted);
    }

    List<EndpointDisabled> disabled() {
        return List.copyOf(disabled);
    }

    void on(@Observes DeliveryExhausted event) {
        exhausted.add(event);
    }

    void on(@Observes EndpointDisabled event) {
        disabled.add(event);
    }
}
