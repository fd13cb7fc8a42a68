package dev.tandem.lb.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Checks the proxy's own error answers: status, the JSON {@code error} code, and the connection closed. */
public final class ProxyErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProxyErrors() {
    }

    /** Reads the next response on {@code c}: {@code status}, {@code Connection: close}, code, then closed. */
    public static void assertErrorAndClosed(RawHttp c, int status, String code) throws IOException {
        RawHttp.Response r = c.read();
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.header("connection")).isEqualTo("close");
        assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo(code);
        assertThat(c.closedByPeer()).as("connection closed after " + status).isTrue();
    }
}
