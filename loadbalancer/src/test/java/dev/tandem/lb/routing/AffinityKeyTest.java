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
        assertThat(AffinityKey.of(req("/ws?user=alice", "X-Tandem-User", "bob", "Cookie", COOKIE + "=c1"), COOKIE))
                .contains(new AffinityKey("alice", AffinityKey.Source.QUERY));
        assertThat(AffinityKey.of(req("/ws", "X-Tandem-User", "bob", "Cookie", COOKIE + "=c1"), COOKIE))
                .contains(new AffinityKey("bob", AffinityKey.Source.HEADER));
        assertThat(AffinityKey.of(req("/ws", "Cookie", "a=1; " + COOKIE + "=c1; b=2"), COOKIE))
                .contains(new AffinityKey("c1", AffinityKey.Source.COOKIE));
        assertThat(AffinityKey.of(req("/ws?other=1", "Cookie", "a=1"), COOKIE)).isEmpty();
    }

    @Test
    void userNamesAreTrimmedAndLowerCasedLikeTheApp() {
        assertThat(AffinityKey.of(req("/ws?user=%20Alice%20"), COOKIE).map(AffinityKey::value)).contains("alice");
        assertThat(AffinityKey.of(req("/ws", "X-Tandem-User", "BOB"), COOKIE).map(AffinityKey::value)).contains("bob");
    }

    @Test
    void emptyOrBrokenValuesFallThroughToTheNextSource() {
        assertThat(AffinityKey.of(req("/ws?user=", "X-Tandem-User", "bob"), COOKIE).map(AffinityKey::value))
                .contains("bob");
        assertThat(AffinityKey.of(req("/ws?user=%zz", "X-Tandem-User", "bob"), COOKIE).map(AffinityKey::value))
                .contains("bob");
        assertThat(AffinityKey.of(req("/ws", "X-Tandem-User", ""), COOKIE)).isEqualTo(Optional.empty());
    }
}
