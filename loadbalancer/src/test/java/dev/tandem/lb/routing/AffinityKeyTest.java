package dev.tandem.lb.routing;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AffinityKeyTest {
    private static final String COOKIE = "TANDEM_AFFINITY";

    private static HttpRequest req(String uri, String... headers) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().add(headers[i], headers[i + 1]);
        }
        return r;
    }

    @Test
    void queryParameterComesFirstThenHeaderThenCookie() {
        assertThat(AffinityKey.of(req("/info?user=alice", "X-Tandem-User", "bob", "Cookie", COOKIE + "=c1"), COOKIE))
                .contains(new AffinityKey("alice", AffinityKey.Source.QUERY));
        assertThat(AffinityKey.of(req("/info", "X-Tandem-User", "bob", "Cookie", COOKIE + "=c1"), COOKIE))
                .contains(new AffinityKey("bob", AffinityKey.Source.HEADER));
        assertThat(AffinityKey.of(req("/info", "Cookie", "a=1; " + COOKIE + "=c1; b=2"), COOKIE))
                .contains(new AffinityKey("c1", AffinityKey.Source.COOKIE));
        assertThat(AffinityKey.of(req("/info?other=1", "Cookie", "a=1"), COOKIE)).isEmpty();
    }

    @Test
    void onTheWebSocketPathOnlyTheUrlsUserCounts() {
        assertThat(AffinityKey.of(req("/ws?user=alice", "X-Tandem-User", "bob", "Cookie", COOKIE + "=c1"), COOKIE))
                .contains(new AffinityKey("alice", AffinityKey.Source.QUERY));
        assertThat(AffinityKey.of(req("/ws", "X-Tandem-User", "bob", "Cookie", COOKIE + "=c1"), COOKIE)).isEmpty();
        assertThat(AffinityKey.of(req("/ws?user=bob&user=alice", "X-Tandem-User", "bob"), COOKIE)).isEmpty();
        assertThat(AffinityKey.requiresUser(req("/ws?user=alice"))).isTrue();
        assertThat(AffinityKey.requiresUser(req("/health?user=alice"))).isFalse();
    }

    @Test
    void theQueryIsReadLikeTheServerReadsIt() {
        // The shared AffinityUser parser: '&' only, so "x=1;user=bob" is one parameter named x.
        assertThat(AffinityKey.of(req("/ws?x=1;user=bob&user=alice"), COOKIE).map(AffinityKey::value))
                .contains("alice");
        assertThat(AffinityKey.of(req("/info?x=1;user=bob"), COOKIE)).isEmpty();
        assertThat(AffinityKey.of(req("/info?user=bob&user=alice", "X-Tandem-User", "carol"), COOKIE))
                .as("a repeated user counts as none").contains(new AffinityKey("carol", AffinityKey.Source.HEADER));
    }

    @Test
    void userNamesAreTrimmedAndLowerCasedLikeTheApp() {
        assertThat(AffinityKey.of(req("/ws?user=%20Alice%20"), COOKIE).map(AffinityKey::value)).contains("alice");
        assertThat(AffinityKey.of(req("/info", "X-Tandem-User", "BOB"), COOKIE).map(AffinityKey::value)).contains("bob");
    }

    @Test
    void emptyOrBrokenValuesFallThroughToTheNextSourceOffTheWebSocketPath() {
        assertThat(AffinityKey.of(req("/info?user=", "X-Tandem-User", "bob"), COOKIE).map(AffinityKey::value))
                .contains("bob");
        assertThat(AffinityKey.of(req("/info?user=%zz", "X-Tandem-User", "bob"), COOKIE).map(AffinityKey::value))
                .contains("bob");
        assertThat(AffinityKey.of(req("/info?user=not%20valid!", "X-Tandem-User", "bob"), COOKIE)
                .map(AffinityKey::value)).contains("bob");
        assertThat(AffinityKey.of(req("/info", "X-Tandem-User", ""), COOKIE)).isEqualTo(Optional.empty());
    }
}
