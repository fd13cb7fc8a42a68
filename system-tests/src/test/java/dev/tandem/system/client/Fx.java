package dev.tandem.system.client;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;

/** Running on the FX thread and waiting for a condition there: how the UI tests look at a window. */
final class Fx {
    /** How long any UI condition may take: generous, because CI machines are slow, and never slept. */
    static final long TIMEOUT_SECONDS = 20;

    private Fx() {
    }

    /** Waits until {@code condition} (evaluated on the FX thread) holds, failing with {@code what}. */
    static void until(String what, Callable<Boolean> condition) {
        until(what, TIMEOUT_SECONDS, condition);
    }

    static void until(String what, long seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + seconds + " s waiting for: " + what, e);
        }
    }

    /** Runs {@code action} on the FX thread and returns its result. */
    static <T> T fx(Callable<T> action) {
        try {
            if (Platform.isFxApplicationThread()) {
                return action.call();
            }
            return WaitForAsyncUtils.asyncFx(action).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("FX action failed", e);
        }
    }
}
