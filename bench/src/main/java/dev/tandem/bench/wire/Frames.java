package dev.tandem.bench.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Byte-level helpers for reading frames without decoding them to strings on the hot path. */
final class Frames {
    private Frames() {
    }

    /** True if the readable bytes start with the ASCII {@code prefix}. */
    static boolean startsWith(ByteBuf buf, byte[] prefix) {
        int start = buf.readerIndex();
        if (buf.readableBytes() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf.getByte(start + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
