package dev.tandem.model;

import java.util.regex.Pattern;

/** Field checks shared by every message's {@code validate()}: each throws an {@code invalid} error naming the field. */
final class Checks {
    private static final Pattern USER_NAME = Pattern.compile(Limits.USER_NAME_PATTERN);

    private Checks() {
    }

    static void clientId(String clientId) throws ProtocolException {
        if (clientId == null || clientId.isBlank()) {
            throw new ProtocolException(ErrorCode.INVALID, "clientId is required", null);
        }
        // An unpaired surrogate is not echoed as ref: UTF-8 cannot carry it, so the client would get back
        // something else anyway. A valid id that is only too long is echoed, so the client can match the refusal.
        unicode("clientId", clientId, null);
        if (clientId.length() > Limits.MAX_CLIENT_ID) {
            throw new ProtocolException(ErrorCode.INVALID,
                    "clientId is longer than " + Limits.MAX_CLIENT_ID + " characters", clientId);
        }
    }

    /**
     * Refuses a lone (unpaired) UTF-16 surrogate: it is not Unicode, UTF-8 cannot carry it, and it would come
     * back as '?' — a client could not match its own client id, and two passwords would hash alike.
     */
    static void unicode(String field, String value, String ref) throws ProtocolException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new ProtocolException(ErrorCode.INVALID,
                        field + " holds an unpaired surrogate (\\u" + Integer.toHexString(c) + "): not valid Unicode", ref);
            }
        }
    }

    static void text(String field, String value, int max, String ref) throws ProtocolException {
        if (value == null || value.isBlank()) {
            throw new ProtocolException(ErrorCode.INVALID, field + " must not be empty", ref);
        }
        if (value.strip().length() > max) {
            throw new ProtocolException(ErrorCode.INVALID,
                    field + " is longer than " + max + " characters", ref);
        }
        unicode(field, value, ref);
    }

    static void required(String field, String value, int max, String ref) throws ProtocolException {
        if (value == null || value.isEmpty()) {
            throw new ProtocolException(ErrorCode.INVALID, field + " is required", ref);
        }
        if (value.length() > max) {
            throw new ProtocolException(ErrorCode.INVALID, field + " is too long", ref);
        }
        unicode(field, value, ref);
    }

    static void userName(String user) throws ProtocolException {
        if (user == null || !USER_NAME.matcher(user).matches()) {
            throw new ProtocolException(ErrorCode.INVALID,
                    "user must be 1-32 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    static void password(String password) throws ProtocolException {
        if (password == null || password.length() < Limits.MIN_PASSWORD || password.length() > Limits.MAX_PASSWORD) {
            throw new ProtocolException(ErrorCode.INVALID,
                    "password must be " + Limits.MIN_PASSWORD + " to " + Limits.MAX_PASSWORD + " characters");
        }
        unicode("password", password, null);
    }

    /** A room of either kind ({@link RoomNames}). */
    static void room(String room, String ref) throws ProtocolException {
        if (room == null || room.isEmpty()) {
            throw new ProtocolException(ErrorCode.INVALID, "room is required", ref);
        }
        if (!RoomNames.isValid(room)) {
            throw new ProtocolException(ErrorCode.INVALID,
                    "room must be a room name (1-32 lowercase letters, digits, '_' or '-') or a DM (dm:<a>:<b>)", ref);
        }
    }

    static void optionalRoom(String room, String ref) throws ProtocolException {
        if (room != null) {
            room(room, ref);
        }
    }

    /** A name for a new public room. */
    static void publicRoom(String room, String ref) throws ProtocolException {
        if (!RoomNames.isPublicName(room)) {
            throw new ProtocolException(ErrorCode.INVALID,
                    "room name must be 1-32 lowercase letters, digits, '_' or '-', starting with a letter or digit", ref);
        }
    }

    static void messageId(long id, String ref) throws ProtocolException {
        if (id < 1 || id > Limits.MAX_MESSAGE_ID) {
            throw new ProtocolException(ErrorCode.INVALID, "id must be a message id, 1 to 2^53 - 1", ref);
        }
    }

    static void version(int protocol) throws ProtocolException {
        if (protocol != Protocol.VERSION) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION,
                    "protocol " + protocol + " is not supported; this server speaks " + Protocol.VERSION);
        }
    }

    /** True if the name is a valid user name (what clients check before connecting). */
    static boolean isUserName(String user) {
        return user != null && USER_NAME.matcher(user).matches();
    }
}
