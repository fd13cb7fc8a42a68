package dev.tandem.model;

/**
 * One room as the signed-in user sees it in their room list (the welcome's {@code rooms}, {@code room.joined}).
 *
 * @param room    the room's name ({@link RoomNames})
 * @param kind    a public room or a DM
 * @param title   what to call it: a room's name, or for a DM the other user's name
 * @param members how many users are in it
 * @param lastId  the id of its newest message; 0 if it has none
 * @param readId  the id of the newest message this user has read (their read position); 0 if none
 * @param unread  how many retained messages are newer than {@code readId}
 */
public record RoomSummary(String room, RoomKind kind, String title, int members, long lastId, long readId,
                          int unread) {

    /** A public room, or a private room of two. */
    public enum RoomKind { room, dm }
}
