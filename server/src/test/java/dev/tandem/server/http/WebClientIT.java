package dev.tandem.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.support.Http;
import dev.tandem.server.support.TandemCluster;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web client's files come from the server at / with the security headers, on any machine (the browser
 * tests of web-tests need Chromium; this needs nothing), and the scripts are shipped as written.
 */
@Timeout(60)
class WebClientIT {
    @RegisterExtension
    static final TandemCluster cluster = TandemCluster.of(1);

    @Test
    void thePageAndItsFilesAreServedWithTheContentSecurityPolicy() {
        HttpResponse<String> page = Http.get(cluster.port(1), "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/main.js\"></script>")
                .doesNotContain("style=\"").doesNotContain("onclick");
        for (String path : new String[] {"/", "/js/main.js", "/js/connection.js", "/css/app.css", "/favicon.svg"}) {
            HttpResponse<String> response = Http.get(cluster.port(1), path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(policy).as(path).contains("script-src 'self'", "style-src 'self'", "connect-src 'self' ws: wss:",
                    "frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
        assertThat(Http.get(cluster.port(1), "/js/main.js").headers().firstValue("Content-Type").orElse(""))
                .as("modules need a JavaScript type").contains("javascript");
    }

    @Test
    void theScriptsTemplateLiteralsSurviveTheBuildUnfiltered() {
        // Maven's resource filtering would have replaced ${...}; the web resources are copied as written.
        assertThat(Http.get(cluster.port(1), "/js/connection.js").body()).contains("${location.host}");
    }

    @Test
    void healthAndUnknownFilesAreAnsweredAsBefore() {
        assertThat(Http.get(cluster.port(1), "/health").body()).contains("\"serverId\"");
        assertThat(Http.get(cluster.port(1), "/no-such-file.js").statusCode()).isEqualTo(404);
    }
}
