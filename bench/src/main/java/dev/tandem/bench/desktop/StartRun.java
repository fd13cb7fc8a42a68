package dev.tandem.bench.desktop;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One start of the desktop app and what it logged. App-clock figures are the app's own (milliseconds since its
 * JVM started); bench-clock ones run from the moment the bench spawned the process (they add the process
 * creation and the JVM's own start before its clock begins). Immutable.
 *
 * @param first          the first-content line; null for a {@code version} run
 * @param upToDate       the up-to-date line; null where the start ends at the sign-in screen
 * @param spawnToFirstMs bench clock, spawn → first-content line read; -1 if none
 * @param spawnToUpMs    bench clock, spawn → up-to-date line read; -1 if none
 * @param spawnToExitMs  bench clock, spawn → exit of a {@code version} run; -1 otherwise
 * @param cpuToFirstMs   CPU time the app's process had used when its first-content line was read; -1 if none
 * @param cpuToUpMs      the same at its up-to-date line; -1 if none
 * @param stoppedBy      SIGTERM, SIGKILL (it did not exit within the grace), or "exit" (it ended by itself)
 */
public record StartRun(StartKind kind, int round, double loadBefore, StartupLine.FirstContent first,
                       StartupLine.UpToDate upToDate, double spawnToFirstMs, double spawnToUpMs, double spawnToExitMs,
                       double cpuToFirstMs, double cpuToUpMs, String stoppedBy) {

    /** Up to date − first content, app clock: what the connection (sign-in or resume, the welcome) added. */
    public double contentToUpToDateMs() {
        return first == null || upToDate == null ? -1 : upToDate.ms() - first.ms();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.name());
        m.put("round", round);
        m.put("loadAverage1mBefore", loadBefore);
        if (first != null) {
            m.put("firstContentMs", first.ms());
            m.put("firstScreen", first.screen());
            m.put("firstMessages", first.messages());
            m.put("firstTodos", first.todos());
            m.put("spawnToFirstContentMs", Figure.round(spawnToFirstMs));
            m.put("cpuToFirstContentMs", Figure.round(cpuToFirstMs));
        }
        if (upToDate != null) {
            m.put("upToDateMs", upToDate.ms());
            m.put("upToDateMessages", upToDate.messages());
            m.put("upToDateTodos", upToDate.todos());
            m.put("spawnToUpToDateMs", Figure.round(spawnToUpMs));
            m.put("contentToUpToDateMs", Figure.round(contentToUpToDateMs()));
            m.put("cpuToUpToDateMs", Figure.round(cpuToUpMs));
        }
        if (spawnToExitMs >= 0) {
            m.put("spawnToExitMs", Figure.round(spawnToExitMs));
        }
        m.put("stoppedBy", stoppedBy);
        return m;
    }
}
