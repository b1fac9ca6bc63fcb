package dev.herald.delivery;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates the deliveries topic with {@code herald.delivery.kafka.partitions} partitions before the Kafka channels
 * start, when dispatch is kafka and the topic is missing; otherwise a broker's auto-creation would make it with its
 * default (often one partition, and then only one worker would ever receive work). Without the right to create
 * topics it warns and carries on: create the topic yourself then.
 */
@ApplicationScoped
class KafkaTopic {

    private static final Logger LOG = Logger.getLogger(KafkaTopic.class);

    private final DeliveryConfig config;
    private final Instance<Map<String, Object>> kafkaConfig;

    KafkaTopic(DeliveryConfig config, @Identifier("default-kafka-broker") Instance<Map<String, Object>> kafkaConfig) {
        this.config = config;
        this.kafkaConfig = kafkaConfig;
    }

    // Before SmallRye Reactive Messaging (priority LIBRARY_BEFORE) starts the channels.
    void ensure(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 100) StartupEvent started) {
        if (config.dispatch() != DispatchMode.KAFKA || !config.enabled() || !config.role().delivers()) {
            return;
        }
        String topic = config.kafka().topic();
        try (Admin admin = Admin.create(kafkaConfig.get())) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .thenApply(found -> found.get(topic).partitions().size())
                    .toCompletionStage().exceptionally(missing -> 0).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            if (partitions == 0) {
                create(admin, topic);
            } else {
                LOG.infof("Kafka topic %s has %d partitions: at most that many workers receive work", topic,
                        partitions);
            }
        } catch (Exception e) {
            LOG.warnf(e, "Could not check or create the Kafka topic %s; create it with enough partitions yourself",
                    topic);
        }
    }

    private void create(Admin admin, String topic) throws Exception {
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(config.kafka().partitions()), Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);
            LOG.infof("Created Kafka topic %s with %d partitions", topic, config.kafka().partitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
