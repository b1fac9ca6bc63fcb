package dev.herald.web;

/** Something a page cannot show, said in words for a person; rendered as an HTML error page. */
public class PageError extends RuntimeException {

    private final int status;
    private final String title;
    private final String hint;
    private String link;
    private String linkLabel;

    public PageError(int status, String title, String message, String hint) {
        super(message);
        this.status = status;
        this.title = title;
        this.hint = hint;
    }

    public static PageError notFound(String what) {
        return new PageError(404, "Not found", what + " does not exist, or is not yours to see.", null);
    }

    /** Not an error to show: the visitor is sent (303) to {@code href}, where signing in starts. */
    public static PageError signIn(String href) {
        return new PageError(303, "Sign in", "Sign in to continue.", null).withLink(href, "Sign in");
    }

    public boolean isRedirect() {
        return status == 303 && link != null;
    }

    /** A way out of the error: a link shown as a button. */
    public PageError withLink(String href, String label) {
        this.link = href;
        this.linkLabel = label;
        return this;
    }

    public String link() {
        return link;
    }

    public String linkLabel() {
        return linkLabel;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String hint() {
        return hint;
    }
}
