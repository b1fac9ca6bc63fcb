package dev.herald.delivery;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Switches the two Kafka channels ({@code delivery-published}, {@code delivery-queued}, configured in
 * application.properties) on only where they are needed: dispatch is kafka and this instance delivers. Everywhere
 * else the connector is never created, so no Kafka client starts and no broker is needed. Registered in
 * META-INF/services; its ordinal puts it above application.properties and below environment variables.
 */
public class KafkaChannels implements ConfigSourceFactory {

    static final String PUBLISHED = "mp.messaging.outgoing.delivery-published.enabled";
    static final String QUEUED = "mp.messaging.incoming.delivery-queued.enabled";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean kafka = "kafka".equals(value(context, "herald.delivery.dispatch", "herald.dispatch", "in-process"));
        boolean delivers = !"api".equals(value(context, "herald.delivery.role", "herald.role", "all"))
                && !"false".equals(value(context, "herald.delivery.enabled", null, "true"));
        String on = Boolean.toString(kafka && delivers);
        return List.of(new PropertiesConfigSource(Map.of(PUBLISHED, on, QUEUED, on), "herald-kafka-channels", 275));
    }

    /** The setting, else its short alias (herald.dispatch, herald.role), else the default; lower case. */
    private static String value(ConfigSourceContext context, String name, String alias, String fallback) {
        String value = plain(context.getValue(name));
        if (value == null && alias != null) {
            value = plain(context.getValue(alias));
        }
        return (value == null ? fallback : value).trim().toLowerCase(Locale.ROOT);
    }

    /** A value, unless it is missing or an unexpanded expression such as ${herald.dispatch:in-process}. */
    private static String plain(ConfigValue value) {
        return value == null || value.getValue() == null || value.getValue().contains("${") ? null : value.getValue();
    }
}
