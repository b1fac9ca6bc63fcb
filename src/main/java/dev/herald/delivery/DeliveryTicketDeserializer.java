package dev.herald.delivery;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** Reads {@link DeliveryTicket}s from the topic; Kafka instantiates it by the class name in application.properties. */
public class DeliveryTicketDeserializer extends ObjectMapperDeserializer<DeliveryTicket> {

    public DeliveryTicketDeserializer() {
        super(DeliveryTicket.class);
    }
}
