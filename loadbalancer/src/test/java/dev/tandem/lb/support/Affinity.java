package dev.tandem.lb.support;

import dev.tandem.lb.routing.RendezvousHash;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Users whose affinity lands on a given one of two test backends "s1"/"s2", and where a user is served. */
public final class Affinity {
    private Affinity() {
    }

    /** A user name the proxy's rendezvous hash places on {@code backendId} while both backends are up. */
    public static String userOn(String backendId) {
        for (int i = 0; ; i++) {
            String user = "u" + i;
            if ((RendezvousHash.beats(user, "s1", "s2") ? "s1" : "s2").equals(backendId)) {
                return user;
            }
        }
    }

    /** The id of the backend that answers {@code user}'s plain HTTP request through the proxy right now. */
    public static String backendServing(int proxyPort, String user) {
        try {
            return RawHttp.exchange(proxyPort, RawHttp.get("/info?user=" + user)).header(TestBackend.ID_HEADER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
