package dev.herald.delivery;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Keeps SmallRye's start-up warning about unconnected channels (SRMSG00207) out of the console when the only
 * unconnected parts are the Kafka ones, switched off on purpose ({@link KafkaChannels}): the default in-process mode
 * and api instances. Any other unconnected component still shows.
 */
@LoggingFilter(name = "herald-dormant-kafka")
public final class DormantKafkaChannels implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (message == null || !message.startsWith("SRMSG00207")) {
            return true;
        }
        return message.lines().skip(1).filter(line -> !line.isBlank())
                .anyMatch(line -> !line.contains("'delivery-published'") && !line.contains("KafkaIntake#intake"));
    }
}
