package dev.tandem.lb.handback;

import dev.tandem.lb.routing.RendezvousHash;

import java.util.List;

/** Keys with a known rendezvous winner among given backend ids, for the handback unit tests. */
final class Keys {
    private Keys() {
    }

    /** The first key {@code prefix + i} whose winner among {@code ids} is {@code winner}, skipping {@code skip}. */
    static String winningOn(String prefix, String winner, List<String> ids, int skip) {
        int found = 0;
        for (int i = 0; ; i++) {
            String key = prefix + i;
            if (winnerOf(key, ids).equals(winner) && found++ == skip) {
                return key;
            }
        }
    }

    static String winnerOf(String key, List<String> ids) {
        String best = ids.get(0);
        for (String id : ids) {
            if (RendezvousHash.beats(key, id, best)) {
                best = id;
            }
        }
        return best;
    }
}
