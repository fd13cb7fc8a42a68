package dev.tandem.client.app;

import dev.tandem.model.ErrorCode;
import java.time.Duration;

/**
 * What a window says about a message or change the server refused for now and the outbox sends again by
 * itself: "Sending too fast — retrying in 3 s". Whole seconds, rounded up, so it never promises a resend
 * sooner than it happens.
 */
final class SendHoldWords {
    private SendHoldWords() {
    }

    static String of(Duration wait, String code) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        String why = ErrorCode.RATE_LIMITED.wire().equals(code) ? "Sending too fast" : "The server cannot take it right now";
        return why + " — retrying in " + seconds + " s";
    }
}
