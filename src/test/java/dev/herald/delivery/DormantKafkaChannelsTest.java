package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class DormantKafkaChannelsTest {

    private static final String DORMANT = """
            SRMSG00207: Some components are not connected to either downstream consumers or upstream producers:
            \t- Emitter{channel:'delivery-published'} has no downstream
            \t- ProcessingMethod{method:'dev.herald.delivery.KafkaIntake#intake', incoming:'delivery-queued', \
            outgoing:'delivery-claimed'} has no downstream
            \t- ProcessingMethod{method:'dev.herald.delivery.KafkaIntake#intake', incoming:'delivery-queued', \
            outgoing:'delivery-claimed'} has no upstream
            """;

    private static boolean shown(String message) {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, message, ExtLogRecord.FormatStyle.NO_FORMAT,
                DormantKafkaChannelsTest.class.getName());
        return new DormantKafkaChannels().isLoggable(record);
    }

    @Test
    void theWarningAboutTheSwitchedOffKafkaChannelsIsHidden() {
        assertThat(shown(DORMANT)).isFalse();
    }

    @Test
    void theWarningStillShowsWhenAnythingElseIsUnconnected() {
        assertThat(shown(DORMANT + "\t- SubscriberMethod{method:'dev.herald.x.Y#z', incoming:'other'} has no upstream\n"))
                .isTrue();
    }

    @Test
    void otherMessagesAreUntouched() {
        assertThat(shown("SRMSG00231: Incoming channel `delivery-queued` disabled by configuration")).isTrue();
    }
}
