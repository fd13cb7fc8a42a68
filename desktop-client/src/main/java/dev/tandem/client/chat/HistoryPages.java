package dev.tandem.client.chat;

import dev.tandem.client.connection.Connection;
import dev.tandem.model.ClientMessage;
import dev.tandem.model.Limits;
import dev.tandem.model.ServerMessage;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The history pages this window asks for: a room's newest messages when it opens and what the window holds of
 * it is behind, and older ones when the user scrolls to the top, until the server says there are no more.
 * Each request is matched to its {@code chat.page} (or its refusal) by client id. Pages are asked for only
 * while connected (the connection refuses them otherwise).
 *
 * <p>Threads: UI thread only.
 */
final class HistoryPages {
    /** How many older messages one scroll to the top brings. */
    static final int OLDER_PAGE = 50;

    private record Request(String room, boolean newest) {
    }

    private final Connection connection;
    private final Map<String, Request> asked = new HashMap<>();

    HistoryPages(Connection connection) {
        this.connection = connection;
    }

    /** Asks for the room's newest messages, unless that is already on its way. */
    void newest(RoomTimeline timeline) {
        if (asked.containsValue(new Request(timeline.room(), true))) {
            return;
        }
        ask(timeline.room(), null, Limits.HISTORY_PAGE, true);
    }

    /** Asks for the page before the oldest message shown, if there may be one and none is on its way. */
    void older(RoomTimeline timeline) {
        if (timeline.olderProperty().get() != RoomTimeline.Older.MORE) {
            return;
        }
        long oldest = timeline.oldestId();
        if (oldest == 0) {
            newest(timeline);
            return;
        }
        timeline.loadingOlder();
        ask(timeline.room(), oldest, OLDER_PAGE, false);
    }

    /** Merges a page this window asked for into its room; false if it answers nothing of ours. */
    boolean answered(ServerMessage.ChatPage page, Function<String, RoomTimeline> timelines, String me) {
        Request request = page.clientId() == null ? null : asked.remove(page.clientId());
        if (request == null) {
            return false;
        }
        RoomTimeline timeline = timelines.apply(request.room());
        if (timeline != null) {
            if (request.newest()) {
                timeline.mergeNewest(page.messages(), me, !page.more());
            } else {
                timeline.mergeOlder(page.messages(), me, page.more());
            }
        }
        return true;
    }

    /** A request of ours was refused or could not be sent; false if {@code clientId} is not one. */
    boolean failed(String clientId, Function<String, RoomTimeline> timelines) {
        Request request = clientId == null ? null : asked.remove(clientId);
        if (request == null) {
            return false;
        }
        RoomTimeline timeline = timelines.apply(request.room());
        if (timeline != null) {
            timeline.olderNotLoaded();
        }
        return true;
    }

    /** The link is gone with whatever was asked on it. */
    void connectionLost(Collection<RoomTimeline> timelines) {
        asked.clear();
        timelines.forEach(RoomTimeline::olderNotLoaded);
    }

    private void ask(String room, Long before, int limit, boolean newest) {
        String clientId = "h-" + UUID.randomUUID();
        asked.put(clientId, new Request(room, newest));
        connection.send(new ClientMessage.ChatHistory(clientId, room, before, limit));
    }
}
