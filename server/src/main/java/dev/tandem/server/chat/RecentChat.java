package dev.tandem.server.chat;

import dev.tandem.model.ChatMessage;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The last few delivered chat messages, kept in memory so a sign-in gets its history without a Redis
 * round trip or a parse per message. Not thread-safe: owned by the chat delivery thread.
 */
final class RecentChat {
    private final int capacity;
    private final ArrayDeque<ChatMessage> messages;

    RecentChat(int capacity) {
        this.capacity = capacity;
        this.messages = new ArrayDeque<>(capacity);
    }

    /** Appends a delivered message, forgetting the oldest beyond capacity. Ids must rise. */
    void add(ChatMessage message) {
        if (messages.size() == capacity) {
            messages.removeFirst();
        }
        messages.addLast(message);
    }

    /** Oldest first; a copy the caller may keep. */
    List<ChatMessage> snapshot() {
        return List.copyOf(messages);
    }
}
