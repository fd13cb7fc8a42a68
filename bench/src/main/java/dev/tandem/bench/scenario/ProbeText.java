package dev.tandem.bench.scenario;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * The chat text a fan-out sender posts: {@code ~tb~<run>~<sender>~<seq>~<sentNanos>~xxxx…} padded to the
 * requested size. Receivers find it with a byte search in the raw frame (no JSON decoding), so the
 * load generator stays cheap next to the servers it measures. Only ASCII letters, digits and '~':
 * nothing any JSON encoder escapes. The run id keeps messages of earlier runs (chat history, a stray
 * late delivery) out of this run's figures. Stateless after construction; safe on every thread.
 */
public final class ProbeText {
    /** The shortest text that still carries a full probe. */
    public static final int MIN_SIZE = 48;
    private static final String PADDING = "x".repeat(4096);

    private final String prefix;
    private final ByteBuf needle;

    public ProbeText(String runId) {
        if (!runId.matches("[a-z0-9]{1,12}")) {
            throw new IllegalArgumentException("run id must be 1-12 lowercase letters or digits");
        }
        this.prefix = "~tb~" + runId + "~";
        this.needle = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(prefix.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The text for one message, exactly {@code size} characters when size ≥ the probe itself. */
    public String make(int sender, long seq, long sentNanos, int size) {
        StringBuilder sb = new StringBuilder(Math.max(size, 64));
        sb.append(prefix).append(sender).append('~').append(seq).append('~').append(sentNanos).append('~');
        int missing = size - sb.length();
        while (missing > 0) {
            int n = Math.min(missing, PADDING.length());
            sb.append(PADDING, 0, n);
            missing -= n;
        }
        return sb.toString();
    }

    /** A decoded probe. Mutable and reused by one thread (the receiving client's event loop). */
    public static final class Probe {
        public int sender;
        public long seq;
        public long sentNanos;
    }

    /**
     * Index of the probe prefix in the frame, or -1. A plain scan for '~' (Netty's indexOf is SWAR-fast)
     * followed by a compare beats a general substring search, whose set-up dominated the profile.
     */
    private int locate(ByteBuf frame) {
        int from = frame.readerIndex();
        int end = frame.writerIndex();
        int n = needle.readableBytes();
        while (from <= end - n) {
            int at = frame.indexOf(from, end - n + 1, (byte) '~');
            if (at < 0) {
                return -1;
            }
            if (ByteBufUtil.equals(frame, at, needle, 0, n)) {
                return at;
            }
            from = at + 1;
        }
        return -1;
    }

    /** Finds this run's probe in a raw frame; false if the frame carries none (another run, other text). */
    public boolean find(ByteBuf frame, Probe out) {
        int at = locate(frame);
        if (at < 0) {
            return false;
        }
        int i = at + needle.readableBytes();
        int end = frame.writerIndex();
        long sender = 0;
        long seq = 0;
        long sent = 0;
        for (int field = 0; field < 3; field++) {
            long v = 0;
            int digits = 0;
            boolean closed = false;
            while (i < end) {
                byte b = frame.getByte(i++);
                if (b == '~') {
                    closed = true;
                    break;
                }
                if (b < '0' || b > '9' || ++digits > 18) {
                    return false;
                }
                v = v * 10 + (b - '0');
            }
            if (digits == 0 || !closed) {
                return false;
            }
            if (field == 0) {
                sender = v;
            } else if (field == 1) {
                seq = v;
            } else {
                sent = v;
            }
        }
        if (sender > Integer.MAX_VALUE) {
            return false;
        }
        out.sender = (int) sender;
        out.seq = seq;
        out.sentNanos = sent;
        return true;
    }
}
