package dev.tandem.lb.routing;

import java.nio.charset.StandardCharsets;

/**
 * Rendezvous (highest-random-weight) hashing: each (key, backend id) pair gets a stable 64-bit weight and a
 * key goes to the backend with the highest weight. Losing a backend moves only the keys that were on it (each
 * to its runner-up), and adding one takes only the keys it now wins. The weight is FNV-1a over the UTF-8
 * bytes of key, a separator and the id, finished with MurmurHash3's fmix64 for a good avalanche. It is
 * stable across processes and versions of Java, so two proxies with the same backend ids agree.
 */
public final class RendezvousHash {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private RendezvousHash() {
    }

    /** The weight of one backend for one key; compare as unsigned. */
    public static long weight(String key, String backendId) {
        long h = FNV_OFFSET;
        h = fnv(h, key.getBytes(StandardCharsets.UTF_8));
        h = (h ^ 0xff) * FNV_PRIME; // separator byte that UTF-8 text never contains
        h = fnv(h, backendId.getBytes(StandardCharsets.UTF_8));
        return fmix64(h);
    }

    /** True when backend a outweighs backend b for the key (ties, practically impossible, go to the lower id). */
    public static boolean beats(String key, String a, String b) {
        int c = Long.compareUnsigned(weight(key, a), weight(key, b));
        return c > 0 || (c == 0 && a.compareTo(b) < 0);
    }

    private static long fnv(long h, byte[] bytes) {
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= FNV_PRIME;
        }
        return h;
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
