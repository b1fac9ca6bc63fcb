package dev.herald.message;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.http.Problem.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The shapes of the message API. */
public final class MessageApi {

    static final String NAME = "^[a-zA-Z0-9._-]{1,256}$";
    private static final Pattern EVENT_TYPE = Pattern.compile(NAME);
    private static final Pattern CHANNEL = Pattern.compile("^[a-zA-Z0-9._-]{1,128}$");
    private static final int MAX_CHANNELS = 10;
    private static final int MAX_EVENT_ID = 256;

    private MessageApi() {
    }

    /**
     * A message as sent. It checks its own shape ({@link #problems()}) rather than through Bean Validation: ingest is
     * the hottest path there is, and the reflective validator cost more than the rest of the request put together.
     */
    public record MessageIn(String eventType, JsonNode payload, String eventId, List<String> channels) {

        /** What is wrong with this message field by field (the messages Bean Validation would give); empty if fine. */
        public List<FieldError> problems() {
            List<FieldError> problems = new ArrayList<>(2);
            if (eventType == null || eventType.isBlank()) {
                problems.add(new FieldError("eventType", "must not be blank"));
            } else if (!EVENT_TYPE.matcher(eventType).matches()) {
                problems.add(new FieldError("eventType", "must match \"" + NAME + "\""));
            }
            if (payload == null || payload.isNull()) {
                problems.add(new FieldError("payload", "must not be null"));
            }
            if (eventId != null && (eventId.isEmpty() || eventId.length() > MAX_EVENT_ID)) {
                problems.add(new FieldError("eventId", "size must be between 1 and " + MAX_EVENT_ID));
            }
            if (channels != null) {
                if (channels.size() > MAX_CHANNELS) {
                    problems.add(new FieldError("channels", "size must be between 0 and " + MAX_CHANNELS));
                }
                for (int i = 0; i < channels.size(); i++) {
                    String channel = channels.get(i);
                    if (channel == null || !CHANNEL.matcher(channel).matches()) {
                        problems.add(new FieldError("channels[" + i + "]", "must match \"" + CHANNEL.pattern() + "\""));
                    }
                }
            }
            return problems;
        }
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
