package dev.herald.web;

/**
 * What the layout around every page needs: which site (portal or console), the page title, the active tab, who is
 * signed in, the CSRF token for forms and an optional notice ("Endpoint saved").
 */
public record Frame(String area, String title, String active, String who, String csrf, String notice) {

    public boolean isPortal() {
        return "portal".equals(area);
    }

    public boolean isConsole() {
        return "console".equals(area);
    }

    public Frame titled(String title, String active) {
        return new Frame(area, title, active, who, csrf, notice);
    }
}
