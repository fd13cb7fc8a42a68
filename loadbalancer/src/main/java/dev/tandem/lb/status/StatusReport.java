package dev.tandem.lb.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.lb.backend.Backend;

import java.util.List;

/**
 * What {@code GET /lb/status} answers: one entry per backend plus the proxy's totals.
 *
 * @param status    "up", or "draining" during a graceful shutdown
 * @param transport "epoll" or "nio"
 */
public record StatusReport(String status, String transport, List<BackendStatus> backends, Totals totals) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param openConnections proxy-to-backend connections now open (kept-alive HTTP and tunnels)
     * @param tunnels         WebSocket tunnels now open
     * @param tunnelsOnGrace  down on check timeouts only: its tunnels are kept until the grace ends or it is up
     * @param requests        requests routed to it since start
     * @param handedBack      tunnels on other backends closed since start so that their clients come back here
     *                        (their users' keys map here again after it returned)
     * @param handbackPending tunnels on other backends still waiting for their turn in a handback to it
     */
    public record BackendStatus(String id, String address, boolean healthy, int openConnections, int tunnels,
                                boolean tunnelsOnGrace, long requests, long handedBack, int handbackPending) {
    }

    /**
     * @param clientConnections client connections now open
     * @param inFlightRequests  requests waiting for their response
     */
    public record Totals(int healthyBackends, int clientConnections, int backendConnections, int tunnels,
                         long requests, int inFlightRequests) {
    }

    /** A snapshot; counters move while it is taken, so totals are sums of the per-backend values read. */
    public static StatusReport snapshot(List<Backend> backends, ProxyStats stats, String transport, boolean draining) {
        List<BackendStatus> list = backends.stream()
                .map(b -> new BackendStatus(b.id(), b.spec().url(), b.isHealthy(), b.openConnections(), b.tunnels(),
                        b.tunnelsOnGrace(), b.requests(), b.handedBack(), b.handbackPending()))
                .toList();
        Totals totals = new Totals(
                (int) list.stream().filter(BackendStatus::healthy).count(),
                stats.clientConnections(),
                list.stream().mapToInt(BackendStatus::openConnections).sum(),
                list.stream().mapToInt(BackendStatus::tunnels).sum(),
                stats.requests(),
                stats.inFlight());
        return new StatusReport(draining ? "draining" : "up", transport, list, totals);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status is always serialisable", e);
        }
    }
}
