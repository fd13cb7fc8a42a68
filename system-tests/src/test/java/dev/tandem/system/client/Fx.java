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
    /**
     * How long one action may wait for the FX thread and run: opening a window (stylesheets, the first layout)
     * took over 20 s once at a load of 26 on 2 cores; the bound only matters when something hangs.
     */
    static final long ACTION_TIMEOUT_SECONDS = 60;

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
            return WaitForAsyncUtils.asyncFx(action).get(ACTION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("FX action failed", e);
        }
    }
}
