package dev.tandem.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How rooms are named. A public room is named like a user ({@link Limits#ROOM_NAME_PATTERN}, no dots); a direct
 * message between two users is the room {@code dm:<a>:<b>}, the two names in alphabetical order. User names
 * hold no colon, so a DM's name is unambiguous, and it is the same whoever opens it.
 */
public final class RoomNames {
    /** The room everyone is in, always; it cannot be left. */
    public static final String GENERAL = "general";
    private static final String DM_PREFIX = "dm:";
    private static final Pattern ROOM = Pattern.compile(Limits.ROOM_NAME_PATTERN);

    private RoomNames() {
    }

    /** True for a valid public room name (not a DM). */
    public static boolean isPublicName(String room) {
        return room != null && ROOM.matcher(room).matches();
    }

    /** True for a well-formed DM room: two different valid user names, in order. */
    public static boolean isDm(String room) {
        return dmUsers(room).isPresent();
    }

    /** True for a valid room of either kind. */
    public static boolean isValid(String room) {
        return isPublicName(room) || isDm(room);
    }

    /** The DM room of two different users, whoever is named first. */
    public static String dm(String user, String other) {
        if (!UserNames.isValid(user) || !UserNames.isValid(other) || user.equals(other)) {
            throw new IllegalArgumentException("a DM needs two different valid user names");
        }
        return user.compareTo(other) < 0 ? DM_PREFIX + user + ":" + other : DM_PREFIX + other + ":" + user;
    }

    /** The two users of a DM room, in order; empty if {@code room} is not a well-formed DM. */
    public static Optional<String[]> dmUsers(String room) {
        if (room == null || !room.startsWith(DM_PREFIX)) {
            return Optional.empty();
        }
        String rest = room.substring(DM_PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String a = rest.substring(0, colon);
        String b = rest.substring(colon + 1);
        if (!UserNames.isValid(a) || !UserNames.isValid(b) || a.compareTo(b) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new String[] {a, b});
    }

    /** In a DM of {@code me}, the other user; empty if {@code room} is not a DM of {@code me}. */
    public static Optional<String> dmPeer(String room, String me) {
        return dmUsers(room).flatMap(users -> users[0].equals(me) ? Optional.of(users[1])
                : users[1].equals(me) ? Optional.of(users[0]) : Optional.empty());
    }
}
