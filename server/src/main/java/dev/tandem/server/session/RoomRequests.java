package dev.tandem.server.session;

import dev.tandem.model.ClientMessage;
import dev.tandem.model.ErrorCode;
import dev.tandem.model.ProtocolException;
import dev.tandem.model.ServerMessage;
import dev.tandem.server.chat.ChatPublisher;
import dev.tandem.server.chat.HistoryPages;
import dev.tandem.server.chat.MessageEdits;
import dev.tandem.server.limits.RefusalLog;
import dev.tandem.server.metrics.ServerMetrics;
import dev.tandem.server.redis.RedisFailure;
import dev.tandem.server.redis.ReplicatedWrites;
import dev.tandem.server.relay.Refusal;
import dev.tandem.server.room.ReadPositions;
import dev.tandem.server.room.RoomDirectory;
import dev.tandem.server.room.TypingRelay;
import dev.tandem.server.ws.Connection;
import io.lettuce.core.RedisException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the requests about rooms and their messages: posting, editing, deleting, history pages,
 * membership, read positions and typing. Which room a request may touch is decided in Redis, in the same
 * script that carries it out.
 * <p>Every refusal is counted in {@code tandem.frames.refused} by its code, as SessionHandler counts its own;
 * refusals and Redis failures are logged in summary ({@link RefusalLog}), since one retrying client during an
 * outage would otherwise write hundreds of lines a second.
 * <p>Threads: called on the connection's session thread; the asynchronous ones (chat.send, room.read,
 * typing) complete on a Lettuce thread and only send (which never blocks), count and note.
 */
public final class RoomRequests {
    private static final Logger LOG = LoggerFactory.getLogger(RoomRequests.class);

    /** Everything a room request needs. */
    public record Parts(ChatPublisher chat, MessageEdits edits, HistoryPages pages, RoomDirectory directory,
                        ReadPositions reads, TypingRelay typing) {
    }

    private final Parts parts;
    private final ServerMetrics metrics;
    private final RefusalLog refusals;

    public RoomRequests(Parts parts, ServerMetrics metrics, RefusalLog refusals) {
        this.parts = parts;
        this.metrics = metrics;
        this.refusals = refusals;
    }

    void handle(Connection connection, ClientMessage message) throws ProtocolException {
        String user = connection.user();
        try {
            if (message instanceof ClientMessage.ChatSend send) {
                post(connection, user, send);
            } else if (message instanceof ClientMessage.ChatEdit edit) {
                parts.edits().edit(user, edit, connection);
            } else if (message instanceof ClientMessage.ChatDelete delete) {
                parts.edits().delete(user, delete, connection);
            } else if (message instanceof ClientMessage.ChatHistory history) {
                connection.send(parts.pages().page(user, history));
            } else if (message instanceof ClientMessage.RoomCreate create) {
                parts.directory().create(user, create, connection);
            } else if (message instanceof ClientMessage.RoomJoin join) {
                parts.directory().join(user, join, connection);
            } else if (message instanceof ClientMessage.RoomLeave leave) {
                parts.directory().leave(user, leave, connection);
            } else if (message instanceof ClientMessage.RoomList list) {
                connection.send(parts.directory().list(user, list));
            } else if (message instanceof ClientMessage.RoomMembers members) {
                connection.send(parts.directory().members(user, members));
            } else if (message instanceof ClientMessage.DmOpen open) {
                parts.directory().openDm(user, open, connection);
            } else if (message instanceof ClientMessage.MarkRead mark) {
                answer(connection, user, "room.read", parts.reads().mark(user, mark));
            } else if (message instanceof ClientMessage.Typing typing) {
                answer(connection, user, "typing", parts.typing().typing(user, typing));
            }
        } catch (RedisException e) {
            refusals.note("unavailable (Redis)", "user=" + user + " " + message.getClass().getSimpleName() + ": "
                    + RedisFailure.describe(e));
            throw new ProtocolException(ErrorCode.UNAVAILABLE, "rooms are unavailable right now (Redis): try again"
                    + " (a resend with the same clientId is never carried out twice)", Requests.ref(message));
        }
    }

    /** True for the messages this class carries out. */
    static boolean handles(ClientMessage message) {
        return message instanceof ClientMessage.RoomCommand || message instanceof ClientMessage.MarkRead
                || message instanceof ClientMessage.Typing;
    }

    /**
     * A new message reaches the sender through the relay like everyone else; a resend of one already posted
     * is answered, to the sender only, with the original frame.
     */
    private void post(Connection connection, String user, ClientMessage.ChatSend send) {
        String room = send.roomOrGeneral();
        parts.chat().publish(user, connection.clientAddress(), room, send.text().strip(), send.clientId(), connection)
                .whenComplete((posted, failure) -> {
            if (cause(failure) instanceof ReplicatedWrites.NotReplicated notReplicated) {
                metrics.refused(ErrorCode.UNAVAILABLE.wire());
                refusals.note("unavailable (too few Redis replicas)", "user=" + user + " chat " + send.clientId()
                        + ": " + notReplicated.getMessage());
                connection.sendError(ErrorCode.UNAVAILABLE,
                        "chat could not be stored safely right now (too few Redis replicas): resend with the same"
                                + " clientId, it is never posted twice", send.clientId());
            } else if (failure != null) {
                metrics.refused(ErrorCode.UNAVAILABLE.wire());
                refusals.note("unavailable (Redis)", "user=" + user + " chat.send: " + cause(failure));
                connection.sendError(ErrorCode.UNAVAILABLE,
                        "chat is unavailable right now (Redis): resend with the same clientId, it is never posted twice",
                        send.clientId());
            } else if (posted.isRateLimited()) {
                metrics.refused(ErrorCode.RATE_LIMITED.wire());
                refusals.note("rate_limited (chat)", "user=" + user + " address=" + connection.clientAddress());
                connection.sendRateLimited("too many messages from you (all your windows together) or your address;"
                        + " this one was dropped, retry in " + posted.waitMs() + " ms", send.clientId(), posted.waitMs());
            } else if (posted.isRefused()) {
                ProtocolException refusal = Refusal.of(posted.refusal(), room, send.clientId());
                metrics.refused(refusal.code().wire());
                connection.send(refusal.toMessage());
            } else if (posted.isResend()) {
                // Normal after a reconnect, and a flood when a client loops: not worth a line each at INFO.
                LOG.debug("user={} connection={} resent chat {}: answered with the original", user, connection.id(),
                        send.clientId());
                connection.send(posted.original());
            }
        });
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException wrapped ? wrapped.getCause() : failure;
    }

    /** Sends the refusal an asynchronous request (no client id) came to, or unavailable. */
    private void answer(Connection connection, String user, String what, CompletionStage<ProtocolException> outcome) {
        outcome.whenComplete((refusal, failure) -> {
            if (failure != null) {
                metrics.refused(ErrorCode.UNAVAILABLE.wire());
                refusals.note("unavailable (Redis)", "user=" + user + " " + what + ": " + cause(failure));
                connection.send(new ServerMessage.Error(ErrorCode.UNAVAILABLE.wire(),
                        what + " is unavailable right now (Redis)", null));
            } else if (refusal != null) {
                metrics.refused(refusal.code().wire());
                connection.send(refusal.toMessage());
            }
        });
    }
}
