package dev.tandem.server.chat;

import dev.tandem.model.Limits;
import java.util.List;

/**
 * How many of the newest stored messages fit in a welcome or a history page: at most {@link Limits#HISTORY_BYTES}
 * of their frames in UTF-8, and always the newest one, so a room of long messages still shows its latest and
 * the rest comes on demand ({@code chat.history}). What bounds the bytes one small request can pull out of a
 * server. Stateless.
 */
public final class HistoryBudget {
    private HistoryBudget() {
    }

    /** How many frames of {@code newestFirst} to send: the longest prefix within {@code maxBytes}, at least one. */
    public static int fitting(List<?> newestFirst, int maxBytes) {
        long bytes = 0;
        for (int i = 0; i < newestFirst.size(); i++) {
            String frame = (String) newestFirst.get(i);
            bytes += utf8Length(frame);
            if (bytes > maxBytes && i > 0) {
                return i;
            }
        }
        return newestFirst.size();
    }

    /** The UTF-8 length of {@code s} without encoding it. */
    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
