package dev.tandem.client.notify;

/** The main window's title: "Tandem", "Tandem — alice", "(2) Tandem — alice" with two rooms notified. */
public final class WindowTitle {
    private WindowTitle() {
    }

    /** The title for {@code user} (empty: not signed in) with {@code marked} rooms notified and not yet seen. */
    public static String of(String user, int marked) {
        String title = user == null || user.isEmpty() ? "Tandem" : "Tandem — " + user;
        return marked > 0 ? "(" + marked + ") " + title : title;
    }
}
