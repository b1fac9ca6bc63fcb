package dev.herald.support;

import dev.herald.audit.AuditEntry;
import dev.herald.portal.PortalViews;
import java.util.Map;
import java.util.stream.Collectors;

/** What the console's templates show. */
public final class ConsoleViews {

    private ConsoleViews() {
    }

    /** The search form as typed; blank fields search nothing. */
    public record Query(String msgId, String eventId, String appUid, String url, String status) {
        public Query {
            msgId = clean(msgId);
            eventId = clean(eventId);
            appUid = clean(appUid);
            url = clean(url);
            status = clean(status);
        }

        boolean any() {
            return msgId != null || eventId != null || appUid != null || url != null || status != null;
        }

        MessageSearch.Criteria criteria(String endpointId) {
            return new MessageSearch.Criteria(msgId, eventId, appUid, endpointId, status, null, null);
        }

        public String value(String field) {
            String v = switch (field) {
                case "msgId" -> msgId;
                case "eventId" -> eventId;
                case "appUid" -> appUid;
                case "url" -> url;
                default -> status;
            };
            return v == null ? "" : v;
        }

        private static String clean(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    public record Found(String id, String tenantId, String appId, String appUid, String eventType, String eventId,
            String createdAt) {
        static Found from(MessageSearch.Found f) {
            return new Found(f.id(), f.tenantId(), f.appId(), f.appUid() == null ? "" : f.appUid(), f.eventType(),
                    f.eventId() == null ? "" : f.eventId(), PortalViews.time(f.createdAt()));
        }
    }

    public record AuditRow(String id, String createdAt, String tenantId, String actor, String role, String action,
            String target, String detail, String requestId) {
        static AuditRow from(AuditEntry e) {
            Map<String, Object> detail = e.detail == null ? Map.of() : e.detail;
            return new AuditRow(e.id, PortalViews.time(e.createdAt), e.tenantId, e.actor,
                    e.actorRole == null ? "" : e.actorRole, e.action,
                    (e.targetType == null ? "" : e.targetType + " ") + (e.targetId == null ? "" : e.targetId),
                    detail.entrySet().stream().map(d -> d.getKey() + "=" + d.getValue())
                            .collect(Collectors.joining(", ")),
                    e.requestId == null ? "" : e.requestId);
        }
    }
}
