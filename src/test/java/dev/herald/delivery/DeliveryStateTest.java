package dev.herald.delivery;

import static dev.herald.delivery.DeliveryState.CANCELLED;
import static dev.herald.delivery.DeliveryState.EXHAUSTED;
import static dev.herald.delivery.DeliveryState.PENDING;
import static dev.herald.delivery.DeliveryState.SENDING;
import static dev.herald.delivery.DeliveryState.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeliveryStateTest {

    @Test
    void aPendingDeliveryIsEitherSentOrCancelled() {
        assertThat(PENDING.canMoveTo(SENDING)).isTrue();
        assertThat(PENDING.canMoveTo(CANCELLED)).isTrue();
        assertThat(PENDING.canMoveTo(SUCCEEDED)).isFalse();
        assertThat(PENDING.canMoveTo(EXHAUSTED)).isFalse();
    }

    @Test
    void aSendingDeliveryEndsInAnyOutcome() {
        assertThat(SENDING.canMoveTo(SUCCEEDED)).isTrue();
        assertThat(SENDING.canMoveTo(PENDING)).isTrue();
        assertThat(SENDING.canMoveTo(EXHAUSTED)).isTrue();
        assertThat(SENDING.canMoveTo(CANCELLED)).isTrue();
    }

    @Test
    void finishedDeliveriesOnlyGoBackToPendingOnRequest() {
        assertThat(SUCCEEDED.isFinal()).isTrue();
        assertThat(EXHAUSTED.canMoveTo(PENDING)).isTrue();
        assertThatThrownBy(() -> EXHAUSTED.moveTo(SENDING)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SUCCEEDED.moveTo(EXHAUSTED)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void statesAreStoredInLowerCase() {
        assertThat(PENDING.dbValue()).isEqualTo("pending");
        assertThat(DeliveryState.fromDb("exhausted")).isEqualTo(EXHAUSTED);
    }
}
