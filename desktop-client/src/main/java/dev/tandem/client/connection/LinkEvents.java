package dev.tandem.client.connection;

import java.util.function.Supplier;

/**
 * Hands one link's callbacks (Tyrus threads) to the connection thread, and drops those of a link that is
 * no longer the current one, so an old link closing late can never disturb the new one.
 *
 * <p>Threads: callbacks arrive on any thread; {@link #link} is written once on the connection thread before
 * any callback can matter and read there only.
 */
final class LinkEvents implements LinkListener {

    /** What the connection does with the current link's events (on the connection thread). */
    interface Handler {
        void opened();

        void text(String frame);

        /** The link closed ({@code neverOpened}: it could not be opened at all). */
        void lost(int code, String reason, boolean neverOpened);

        /** The link could not be opened because the server's certificate was refused. */
        void untrusted(String reason);
    }

    private final Scheduler scheduler;
    private final Supplier<Link> current;
    private final Handler handler;
    private Link link;

    LinkEvents(Scheduler scheduler, Supplier<Link> current, Handler handler) {
        this.scheduler = scheduler;
        this.current = current;
        this.handler = handler;
    }

    /** The link these events belong to (set on the connection thread right after opening it). */
    void belongTo(Link opened) {
        link = opened;
    }

    @Override
    public void opened() {
        onCurrent(handler::opened);
    }

    @Override
    public void text(String frame) {
        onCurrent(() -> handler.text(frame));
    }

    @Override
    public void closed(int code, String reason) {
        onCurrent(() -> handler.lost(code, reason, false));
    }

    @Override
    public void failed(String reason) {
        onCurrent(() -> handler.lost(0, reason, true));
    }

    @Override
    public void untrusted(String reason) {
        onCurrent(() -> handler.untrusted(reason));
    }

    private void onCurrent(Runnable task) {
        scheduler.execute(() -> {
            if (link != null && link == current.get()) {
                task.run();
            }
        });
    }
}
