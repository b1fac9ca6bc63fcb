package dev.herald.web;

import java.util.Map;

/** The one-line confirmations shown after a redirect ({@code ?notice=saved}); unknown keys show nothing. */
public final class Notices {

    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("created", "Endpoint added. Copy its signing secret below to verify deliveries."),
            Map.entry("saved", "Endpoint saved."),
            Map.entry("disabled", "Endpoint disabled: it gets no deliveries until you enable it."),
            Map.entry("enabled", "Endpoint enabled."),
            Map.entry("deleted", "Endpoint deleted."),
            Map.entry("rotated", "Signing secret rotated. The previous secret keeps signing for a while."),
            Map.entry("sent", "Test event sent."),
            Map.entry("resent", "Resend queued: a new attempt is made right away."),
            Map.entry("recovered", "Recover queued: failed deliveries are being sent again."));

    private Notices() {
    }

    public static String text(String key) {
        if (key != null && key.matches("recovered-\\d{1,6}")) {
            String count = key.substring("recovered-".length());
            return "Recover queued: " + count + (count.equals("1") ? " failed delivery is" : " failed deliveries are")
                    + " being sent again.";
        }
        return key == null ? null : TEXT.get(key);
    }
}
