package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaChannelsTest {

    private static SmallRyeConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 250))
                .withSources(new KafkaChannels())
                .build();
    }

    private static boolean channelsOn(Map<String, String> values) {
        SmallRyeConfig config = config(values);
        boolean published = config.getValue(KafkaChannels.PUBLISHED, Boolean.class);
        boolean queued = config.getValue(KafkaChannels.QUEUED, Boolean.class);
        assertThat(published).as("both channels switch together").isEqualTo(queued);
        return published;
    }

    @Test
    void channelsStayOffByDefault() {
        assertThat(channelsOn(Map.of())).isFalse();
    }

    @Test
    void channelsStayOffWithInProcessDispatch() {
        assertThat(channelsOn(Map.of("herald.dispatch", "in-process"))).isFalse();
    }

    @Test
    void kafkaDispatchSwitchesChannelsOnForADeliveringInstance() {
        assertThat(channelsOn(Map.of("herald.dispatch", "kafka"))).isTrue();
        assertThat(channelsOn(Map.of("herald.dispatch", "KAFKA", "herald.role", "worker"))).isTrue();
    }

    @Test
    void anApiInstanceStartsNoKafkaClientEvenWithKafkaDispatch() {
        assertThat(channelsOn(Map.of("herald.dispatch", "kafka", "herald.role", "api"))).isFalse();
        assertThat(channelsOn(Map.of("herald.dispatch", "kafka", "herald.delivery.enabled", "false"))).isFalse();
    }

    @Test
    void theFullSettingNameWinsOverTheShortAlias() {
        assertThat(channelsOn(Map.of("herald.dispatch", "in-process", "herald.delivery.dispatch", "kafka")))
                .isTrue();
        assertThat(channelsOn(Map.of("herald.dispatch", "kafka", "herald.delivery.role", "api"))).isFalse();
    }

    @Test
    void theDefaultExpressionInApplicationPropertiesFallsBackToTheAlias() {
        assertThat(channelsOn(Map.of("herald.delivery.dispatch", "${herald.dispatch:in-process}",
                "herald.dispatch", "kafka"))).isTrue();
    }
}
