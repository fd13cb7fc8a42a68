package dev.tandem.lb.http;

import dev.tandem.lb.backend.Backend;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;

/**
 * The state of one client connection and how its exchanges end: the queue of request parts not yet taken, the
 * current {@link Exchange}, the kept-alive backend connection, and whether the connection is closing. It moves
 * queued request parts on ({@link #pump}), completes an exchange and starts the next pipelined one, refuses
 * and closes, and carries out the {@link ExchangeDeadline}'s verdict. The events that drive it come from
 * {@link HttpProxyHandler} (the client side), {@link BackendDispatch} (where a head goes) and
 * {@link ResponseForwarder} (the backend side), which change its state only through its methods.
 * <p>
 * Threads: one instance per client connection, and everything of that connection stays on its event loop:
 * the backend connections are registered on the same loop ({@code Bootstrap.group(ctx.channel().eventLoop())},
 * as in Netty's HexDumpProxy) and the deadline's timer runs there, so every caller is on that one thread and
 * nothing here needs locks.
 * <p>
 * Flow control: the client channel runs with {@code autoRead=false}; {@link #readIfWanted} asks for more bytes
 * only when they can be used (waiting for a head, or streaming a body to a writable backend). Pipelined
 * requests wait in {@link #pending} until the response before them is complete.
 */
final class ClientConnection {
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

    /** A kept-alive connection to one backend, reused while consecutive requests route to the same backend. */
    record BackendLink(Backend backend, Channel channel) {
    }

    final ProxyServices services;
    /** The context of this connection's {@link HttpProxyHandler}. */
    final ChannelHandlerContext ctx;
    final HeadTimeout headTimeout;
    final ExchangeDeadline deadline;
    /** Decoded request parts not yet taken by an exchange (a body part, or a pipelined head and its body). */
    private final ArrayDeque<HttpObject> pending = new ArrayDeque<>();
    final BackendDispatch dispatch;
    final ResponseForwarder responses;
    /** The exchange in progress, or null between two exchanges. */
    private Exchange current;
    /** The backend connection of the current or the previous exchange, or null. */
    private BackendLink link;
    /** The connection is ending: input is dropped and nothing new starts. */
    private boolean closing;

    ClientConnection(ChannelHandlerContext ctx, ProxyServices services) {
        this.ctx = ctx;
        this.services = services;
        this.headTimeout = ctx.pipeline().get(HeadTimeout.class);
        this.deadline = new ExchangeDeadline(ctx.executor(), services.config().limits().responseTimeout().toNanos(),
                this::deadlineExpired);
        this.dispatch = new BackendDispatch(this);
        this.responses = new ResponseForwarder(this);
    }

    Exchange current() {
        return current;
    }

    BackendLink link() {
        return link;
    }

    boolean closing() {
        return closing;
    }

    /** A new exchange for the head just taken; its deadline starts unless it is refused at once. */
    void begin(Exchange ex, boolean timed) {
        current = ex;
        if (timed) {
            deadline.start(ex);
        }
    }

    /** The current exchange's new backend connection, kept for the next exchange if both sides allow. */
    void linkTo(Backend backend, Channel ch) {
        link = new BackendLink(backend, ch);
    }

    /** The backend connection {@code ch} closed; returns its backend, or null if it was no longer ours. */
    Backend linkClosed(Channel ch) {
        if (link == null || link.channel() != ch) {
            return null;
        }
        Backend backend = link.backend();
        link = null;
        return backend;
    }

    /** True when a request's end is among the queued parts. */
    boolean requestEndQueued() {
        return pending.stream().anyMatch(o -> o instanceof LastHttpContent);
    }

    /** A decoded part from the client. */
    void received(HttpObject part) {
        pending.add(part);
        pump();
    }

    /** The request is sent again in full ({@link Exchange#replay}): its end goes before anything queued. */
    void requeueRequestEnd() {
        pending.addFirst(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    /**
     * The connection became a tunnel: the exchange ends without closing its backend connection, which is the
     * tunnel's now, and what was decoded after the upgrade request is dropped.
     */
    void handedOver() {
        endExchange();
        link = null;
        releasePending();
    }

    /** Moves pending request parts forward as far as the current state allows. */
    void pump() {
        while (!closing) {
            if (current == null) {
                HttpObject next = pending.poll();
                if (next == null) {
                    break;
                }
                if (next instanceof HttpRequest req) {
                    dispatch.begin(req);
                } else {
                    ReferenceCountUtil.release(next); // body of a request already answered and closed
                }
                continue;
            }
            if (current.requestDone() || current.state() == Exchange.State.CONNECTING) {
                break;
            }
            HttpObject part = pending.peek();
            if (part == null || part instanceof HttpRequest) {
                break;
            }
            pending.poll();
            boolean last = part instanceof LastHttpContent;
            current.progress(); // a body part, or the end that starts the response wait
            if (current.state() == Exchange.State.LOCAL) {
                ReferenceCountUtil.release(part);
            } else {
                if (part != LastHttpContent.EMPTY_LAST_CONTENT) {
                    current.bodySent();
                }
                link.channel().write(part).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            }
            if (last) {
                current.requestEnded();
                if (current.responseDone()) {
                    complete();
                }
            }
        }
        if (link != null) {
            link.channel().flush(); // also flushes a head written by BackendDispatch.route on a reused connection
        }
    }

    /** Asks the client for more bytes if the current state can use them. */
    void readIfWanted() {
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        boolean wanted;
        if (current == null) {
            wanted = true; // waiting for the next head
        } else if (current.requestDone()) {
            wanted = false; // waiting for the response; pipelined requests stay in the socket
        } else {
            wanted = switch (current.state()) {
                case LOCAL -> true; // discarding a body
                case ROUTING, CONNECTING -> false;
                case FORWARDING -> link != null && link.channel().isWritable();
            };
        }
        if (wanted) {
            ctx.read();
        }
    }

    // ---------------------------------------------------------------- endings

    /** Both halves of the current exchange are done. */
    void complete() {
        Exchange ex = current;
        endExchange();
        if (ex.closeAfter() || services.isDraining()) {
            closing = true;
            releasePending();
            closeLink();
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        headTimeout.arm(false);
        pump(); // a pipelined request may already be waiting
        readIfWanted();
    }

    void endExchange() {
        deadline.cancel();
        if (current != null) {
            current = null;
            services.stats().requestEnded();
        }
    }

    /** {@link ExchangeDeadline} says {@code ex} has been silent for the whole idle time: end it. */
    private void deadlineExpired(Exchange ex) {
        if (ex != current || closing) {
            return; // ended or replaced (a later exchange of this connection has its own timer)
        }
        long ms = services.config().limits().responseTimeout().toMillis();
        boolean backendStalled = ex.state() == Exchange.State.FORWARDING && link != null && !link.channel().isWritable();
        Backend backend = link != null ? link.backend() : null;
        switch (ExchangeDeadline.verdict(ex, backendStalled)) {
            case CLOSE -> {
                log.debug("{}: response from {} stalled for {} ms; closing", ctx.channel().remoteAddress(), backend, ms);
                closeNow();
            }
            case REQUEST_TIMEOUT -> rejectAndClose(Responses.Failure.REQUEST_TIMEOUT,
                    "request body stalled for " + ms + " ms");
            case GATEWAY_TIMEOUT -> {
                log.debug("backend {} did not answer {} {} within {} ms", backend, ex.request.method(),
                        ex.request.uri(), ms);
                rejectAndClose(Responses.Failure.GATEWAY_TIMEOUT, "backend did not answer within " + ms + " ms");
            }
        }
    }

    void badGateway(String why) {
        rejectAndClose(Responses.Failure.BAD_GATEWAY, why);
    }

    /** Sends an error and closes: for input the connection cannot recover from. */
    void rejectAndClose(Responses.Failure failure, String message) {
        rejectAndClose(Responses.error(failure, message), message);
    }

    /** Sends {@code res} (if nothing was answered yet) and closes; one debug line, never more. */
    void rejectAndClose(FullHttpResponse res, String message) {
        int code = res.status().code();
        services.stats().errorResponse(code);
        boolean canRespond = current == null || !current.responseStarted();
        closing = true;
        endExchange();
        releasePending();
        closeLink();
        headTimeout.disarm();
        if (canRespond) {
            Responses.setClose(res);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        } else {
            res.release();
            ctx.close();
        }
        log.debug("{} -> {} ({})", ctx.channel().remoteAddress(), code, message);
    }

    void closeNow() {
        closing = true;
        releasePending();
        closeLink();
        ctx.close();
    }

    /** The client connection is gone: drop what it sent, close its backend connection, end its exchange. */
    void clientClosed() {
        closing = true;
        releasePending();
        closeLink();
        endExchange();
    }

    void closeLink() {
        if (link != null) {
            link.channel().close();
            link = null;
        }
    }

    void releasePending() {
        HttpObject o;
        while ((o = pending.poll()) != null) {
            ReferenceCountUtil.release(o);
        }
    }
}
