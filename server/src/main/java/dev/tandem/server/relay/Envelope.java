package dev.tandem.server.relay;

/**
 * One event on {@code chat_channel}: a header naming its place in the relay's order and who gets it, then
 * the exact client frame, sent to clients unchanged:
 * <pre>{@code <seq> <kind> <room> <user> <id>\n<frame>[\n<extra>]}</pre>
 * {@code seq} is the relay's sequence number, or {@code -} for an ephemeral event (typing) outside the
 * order and the log; {@code user} is {@code -} when no user is concerned, {@code id} 0 when no message is.
 * JSON frames hold no raw newline, so the newlines are unambiguous. Immutable.
 *
 * @param seq   the relay sequence number, or {@link #EPHEMERAL}
 * @param kind  who gets the frame and what it changes ({@link Kind})
 * @param room  the room it is about
 * @param user  the user it is about or for, or {@code -}
 * @param id    the message (or read position) it is about, or 0
 * @param frame the client frame
 * @param extra a second frame ({@link Kind#MESSAGE}: for the author's windows; {@link Kind#UPDATE}: the
 *              message as history now keeps it, never sent), or null
 */
public record Envelope(long seq, Kind kind, String room, String user, long id, String frame, String extra) {
    /** The sequence "number" of an ephemeral envelope. */
    public static final long EPHEMERAL = -1;

    /** Who gets an envelope's frame. */
    public enum Audience {
        /** Every member of the room on this server. */
        ROOM,
        /** Every member of the room but the envelope's user. */
        OTHERS,
        /** Every window of the envelope's user. */
        USER
    }

    /** What an envelope is, as its header names it. */
    public enum Kind {
        /** A new chat.message; extra: the author's room.read. */
        MESSAGE("msg", Audience.ROOM),
        /** chat.edited or chat.deleted; extra: the history entry as it is now. */
        UPDATE("upd", Audience.ROOM),
        /** The user is now in the room (room.joined); servers add the membership before delivering. */
        JOIN("join", Audience.USER),
        /** The user left the room (room.left); servers drop the membership after delivering. */
        LEAVE("left", Audience.USER),
        /** room.member: someone joined or left. */
        MEMBER("mem", Audience.OTHERS),
        /** room.read: the user's read position moved (id). */
        READ("read", Audience.USER),
        /** typing, ephemeral. */
        TYPING("typ", Audience.OTHERS);

        private final String wire;
        private final Audience audience;

        Kind(String wire, Audience audience) {
            this.wire = wire;
            this.audience = audience;
        }

        public String wire() {
            return wire;
        }

        public Audience audience() {
            return audience;
        }

        static Kind of(String wire) {
            for (Kind kind : values()) {
                if (kind.wire.equals(wire)) {
                    return kind;
                }
            }
            return null;
        }
    }

    public boolean isEphemeral() {
        return seq == EPHEMERAL;
    }

    /** The envelope as it travels. */
    public String encode() {
        return (seq == EPHEMERAL ? "-" : Long.toString(seq)) + " " + kind.wire + " " + room + " "
                + (user == null ? "-" : user) + " " + id + "\n" + frame + (extra == null ? "" : "\n" + extra);
    }

    /** Reads one envelope; null if it is not one (a stray publish on the channel). */
    public static Envelope parse(String text) {
        int newline = text.indexOf('\n');
        if (newline < 0) {
            return null;
        }
        String[] head = text.substring(0, newline).split(" ", -1);
        if (head.length != 5) {
            return null;
        }
        Kind kind = Kind.of(head[1]);
        if (kind == null || head[2].isEmpty()) {
            return null;
        }
        try {
            long seq = "-".equals(head[0]) ? EPHEMERAL : Long.parseLong(head[0]);
            long id = Long.parseLong(head[4]);
            if (seq != EPHEMERAL && seq < 1) {
                return null;
            }
            int second = text.indexOf('\n', newline + 1);
            String frame = second < 0 ? text.substring(newline + 1) : text.substring(newline + 1, second);
            String extra = second < 0 ? null : text.substring(second + 1);
            return new Envelope(seq, kind, head[2], "-".equals(head[3]) ? null : head[3], id, frame, extra);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
