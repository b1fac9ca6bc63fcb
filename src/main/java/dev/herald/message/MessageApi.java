package dev.herald.message;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** The shapes of the message API. */
public final class MessageApi {

    static final String NAME = "^[a-zA-Z0-9._-]{1,256}$";

    private MessageApi() {
    }

    public record MessageIn(
            @NotBlank @Pattern(regexp = NAME) String eventType,
            @NotNull JsonNode payload,
            @Size(min = 1, max = 256) String eventId,
            @Size(max = 10) List<@NotBlank @Pattern(regexp = "^[a-zA-Z0-9._-]{1,128}$") String> channels) {
    }

    /** {@code payload} is written as the stored JSON text itself: no re-parsing on the way out. */
    public record MessageOut(String id, String eventType, String eventId, List<String> channels,
            @JsonRawValue String payload, Instant timestamp) {
        public static MessageOut from(Message message) {
            return new MessageOut(message.id, message.eventType, message.eventId, message.channels,
                    message.payload, message.createdAt);
        }
    }
}
