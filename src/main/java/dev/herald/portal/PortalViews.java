package dev.herald.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.delivery.AttemptHistory.AttemptRow;
import dev.herald.endpoint.Endpoint;
import dev.herald.http.ApiException;
import dev.herald.message.Message;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the portal's and the console's templates show, shaped from the domain's entities and rows. */
public final class PortalViews {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private PortalViews() {
    }

    /** Delivery states, as the filters name them. */
    public static List<String> states() {
        return java.util.Arrays.stream(dev.herald.delivery.DeliveryState.values())
                .map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).toList();
    }

    public static String time(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant);
    }

    /** A value for an {@code <input type="datetime-local">}, in UTC. */
    public static String localInput(Instant instant) {
        return INPUT.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC));
    }

    /** Reads an {@code <input type="datetime-local">} value, taken as UTC; a 422 on {@code field} otherwise. */
    public static Instant parseLocal(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, "choose a date and time");
        }
        try {
            return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "is not a date and time such as 2026-01-31T12:00");
        }
    }

    public static String pretty(String json) {
        if (json == null) {
            return "";
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    public static String pretty(JsonNode json) {
        try {
            return json == null || json.isNull() ? "" : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            return json.toString();
        }
    }

    public record EndpointRow(String id, String url, String description, String types, boolean disabled,
            String disabledReason, String createdAt) {
        public static EndpointRow from(Endpoint e) {
            return new EndpointRow(e.id, e.url, e.description,
                    e.filterTypes == null ? "All event types" : String.join(", ", e.filterTypes), e.disabled,
                    e.disabledReason, time(e.createdAt));
        }
    }

    /** The add/edit form: what was typed, and each field's error next to it. */
    public record EndpointForm(String id, String url, String description, List<String> filterTypes,
            String urlError, String typesError, String descriptionError, String formError) {

        public EndpointForm(String id, String url, String description, List<String> filterTypes) {
            this(id, url, description, filterTypes, null, null, null, null);
        }

        static EndpointForm empty() {
            return new EndpointForm(null, "", "", List.of());
        }

        EndpointForm withErrors(Map<String, String> errors) {
            return new EndpointForm(id, url, description, filterTypes, errors.get("url"), errors.get("filterTypes"),
                    errors.get("description"), errors.get("form"));
        }

        public String action() {
            return id == null ? "/portal/endpoints" : "/portal/endpoints/" + id;
        }
    }

    public record TypeChoice(String name, String description, boolean checked) {
    }

    public record Health(EndpointChart.Series day, EndpointChart.Series week) {
        /** The chart's data, as JSON for the page's {@code data-chart} attribute. */
        public String chartJson() {
            Map<String, Object> data = Map.of(
                    "day", series(day, DateTimeFormatter.ofPattern("HH:00").withZone(ZoneOffset.UTC)),
                    "week", series(week, DateTimeFormatter.ofPattern("EEE dd").withZone(ZoneOffset.UTC)));
            try {
                return JSON.writeValueAsString(data);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Map<String, Object> series(EndpointChart.Series series, DateTimeFormatter label) {
            List<String> labels = new ArrayList<>();
            List<Long> ok = new ArrayList<>();
            List<Long> failed = new ArrayList<>();
            List<Integer> rate = new ArrayList<>();
            for (EndpointChart.Bucket bucket : series.buckets()) {
                labels.add(label.format(bucket.start()));
                ok.add(bucket.succeeded());
                failed.add(bucket.failed());
                rate.add(bucket.total() == 0 ? null : (int) Math.floor(100.0 * bucket.succeeded() / bucket.total()));
            }
            Map<String, Object> out = new java.util.HashMap<>();
            out.put("labels", labels);
            out.put("ok", ok);
            out.put("failed", failed);
            out.put("rate", rate);
            return out;
        }

        public String dayRate() {
            return day.rate() == null ? "no attempts" : day.rate() + "%";
        }

        public String weekRate() {
            return week.rate() == null ? "no attempts" : week.rate() + "%";
        }
    }

    public record Header(String name, String value) {
    }

    public record AttemptView(String id, String messageId, String endpointId, int number, String trigger,
            String attemptedAt, boolean succeeded, String status, int durationMs, String responseExcerpt,
            String error, List<Header> headers) {
        public static AttemptView from(AttemptRow row) {
            String status = row.statusCode() == null ? "no response" : "HTTP " + row.statusCode();
            String error = row.errorKind() == null ? null
                    : row.errorKind() + (row.errorDetail() == null ? "" : ": " + row.errorDetail());
            return new AttemptView(row.id(), row.messageId(), row.endpointId(), row.attemptNumber(), row.trigger(),
                    time(row.attemptedAt()), "succeeded".equals(row.outcome()), status, row.durationMs(),
                    row.responseExcerpt(), error, headers(row.requestHeaders()));
        }

        private static List<Header> headers(String json) {
            List<Header> headers = new ArrayList<>();
            if (json == null) {
                return headers;
            }
            try {
                JSON.readTree(json).properties().forEach(entry -> headers.add(
                        new Header(entry.getKey(), entry.getValue().isTextual() ? entry.getValue().asText()
                                : entry.getValue().toString())));
            } catch (JsonProcessingException e) {
                headers.add(new Header("(unreadable)", json));
            }
            return headers;
        }
    }

    public record MessageRow(String id, String eventType, String eventId, String createdAt) {
        public static MessageRow from(Message m) {
            return new MessageRow(m.id, m.eventType, m.eventId, time(m.createdAt));
        }
    }

    public record MessageView(String id, String eventType, String eventId, String createdAt, String payload) {
        public static MessageView from(Message m) {
            // The bytes every delivery sent, unformatted: people compare them with what their receiver logged.
            return new MessageView(m.id, m.eventType, m.eventId, time(m.createdAt), m.payload);
        }
    }

    /** One delivery of a message: where it stands at one endpoint. */
    public record DeliveryView(String endpointId, String url, boolean endpointDisabled, String state, int attempts,
            String lastAttemptAt, String nextAttemptAt, String lastStatus) {
        public static DeliveryView from(dev.herald.support.MessageDeliveries.DeliveryOut d) {
            return new DeliveryView(d.endpointId(), d.url(), d.endpointDisabled(), d.state(), d.attempts(),
                    time(d.lastAttemptAt()), time(d.nextAttemptAt()),
                    d.lastStatusCode() == null ? (d.lastError() == null ? "" : d.lastError())
                            : "HTTP " + d.lastStatusCode());
        }
    }

    public record EventTypeView(String name, String description, String schema, String example) {
    }
}
