package dev.tandem.lb.support;

import dev.tandem.lb.routing.RendezvousHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Users whose affinity lands on a given one of two test backends "s1"/"s2", and where a user is served. */
public final class Affinity {
    private Affinity() {
    }

    /** A user name the proxy's rendezvous hash places on {@code backendId} while both backends are up. */
    public static String userOn(String backendId) {
        return usersOn(backendId, 1).get(0);
    }

    /** The first {@code n} user names the hash places on {@code backendId} while both backends are up. */
    public static List<String> usersOn(String backendId, int n) {
        List<String> users = new ArrayList<>();
        for (int i = 0; users.size() < n; i++) {
            String user = "u" + i;
            if ((RendezvousHash.beats(user, "s1", "s2") ? "s1" : "s2").equals(backendId)) {
                users.add(user);
            }
        }
        return users;
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
