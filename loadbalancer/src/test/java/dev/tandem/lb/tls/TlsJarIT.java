package dev.tandem.lb.tls;

import dev.tandem.lb.support.Await;
import dev.tandem.lb.support.TestBackend;
import dev.tandem.lb.support.TestCerts;
import dev.tandem.lb.support.WsClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tandem-lb.jar} with TLS as a real process: bad certificate or key files stop start-up with one line
 * and exit status 2; {@code SIGHUP} after the files were replaced serves the new certificate to a new
 * handshake while a WSS tunnel opened before keeps passing frames, and a bad pair on SIGHUP keeps the old one.
 */
@Timeout(120)
class TlsJarIT {
    private static final Path JAR = Path.of("target", "tandem-lb.jar");
    @TempDir
    static Path dir;
    private static TestCerts.Pair first;
    private static TestCerts.Pair second;

    /** Whether this machine's env can reset SIGHUP to its default (GNU coreutils 8.31+). */
    private static boolean resetHup;

    @BeforeAll
    static void pairs() throws Exception {
        try {
            Process probe = new ProcessBuilder("env", "--default-signal=HUP", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            resetHup = probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException noEnv) {
            resetHup = false;
        }
        first = TestCerts.make(Files.createDirectories(dir.resolve("first")));
        second = TestCerts.make(Files.createDirectories(dir.resolve("second")));
    }

    private static ProcessBuilder jar(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        if (resetHup) {
            // A test JVM started under nohup passes SIGHUP on ignored, and the proxy's JVM would keep it so.
            cmd.addAll(List.of("env", "--default-signal=HUP"));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("TANDEM_"));
        pb.environment().putAll(env);
        return pb;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Runs the jar to its end: exit status and stderr. */
    private static Map.Entry<Integer, String> runToEnd(Map<String, String> env, String... args) throws Exception {
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = jar(env, args).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean ended = p.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(ended).as("tandem-lb ended; stderr: %s", Files.readString(err)).isTrue();
        return Map.entry(p.exitValue(), Files.readString(err));
    }

    @Test
    void aMissingOrMismatchedFileStopsStartUpWithStatus2AndOneLine() throws Exception {
        String backend = "s1=http://127.0.0.1:1";
        Path missing = dir.resolve("missing.pem");
        var r = runToEnd(Map.of(), "--port", "0", "--backend", backend, "--tls-port", "0",
                "--tls-cert", missing.toString(), "--tls-key", first.key().toString());
        assertThat(r.getKey()).isEqualTo(2);
        assertThat(r.getValue().strip().lines()).as(r.getValue()).hasSize(1);
        assertThat(r.getValue()).contains("tandem-lb: certificate " + missing + " does not exist", "--tls-cert");

        // the same through the environment twins, with a key that belongs to another certificate
        r = runToEnd(Map.of("TANDEM_BACKENDS", backend, "TANDEM_LB_PORT", "0", "TANDEM_LB_TLS_PORT", "0",
                "TANDEM_LB_TLS_CERT", first.cert().toString(), "TANDEM_LB_TLS_KEY", second.key().toString()));
        assertThat(r.getKey()).isEqualTo(2);
        assertThat(r.getValue()).contains("key " + second.key() + " does not belong to certificate " + first.cert());

        r = runToEnd(Map.of(), "--port", "0", "--backend", backend, "--tls-cert", first.cert().toString());
        assertThat(r.getKey()).isEqualTo(2);
        assertThat(r.getValue()).contains("--tls-cert needs --tls-key");
    }

    @Test
    void sighupServesTheNewPairToNewHandshakesAndOpenTunnelsKeepGoing() throws Exception {
        Path live = Files.createDirectories(dir.resolve("live"));
        Path cert = Files.copy(first.cert(), live.resolve("cert.pem"));
        Path key = Files.copy(first.key(), live.resolve("key.pem"));
        Path log = live.resolve("lb.log");
        int port = freePort();
        int tlsPort = freePort();
        try (TestBackend backend = TestBackend.start("s1")) {
            Process p = jar(Map.of(), "--host", "127.0.0.1", "--port", String.valueOf(port),
                    "--tls-port", String.valueOf(tlsPort), "--backend", "s1=" + backend.url(),
                    "--tls-cert", cert.toString(), "--tls-key", key.toString(), "--health-interval-ms", "100")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                HttpClient trustFirst = HttpClient.newBuilder().sslContext(TestCerts.trusting(first.cert())).build();
                String status = "https://127.0.0.1:" + tlsPort + "/lb/status";
                Certificate secondCert = TestCerts.read(second.cert());
                Await.until(Duration.ofSeconds(20), "the proxy answers over TLS with the first certificate",
                        () -> served(first.cert(), status) != null);
                Await.until(Duration.ofSeconds(10), "s1 healthy", () -> {
                    try {
                        return trustFirst.send(HttpRequest.newBuilder(URI.create(status)).build(),
                                HttpResponse.BodyHandlers.ofString()).body().contains("\"healthyBackends\":1");
                    } catch (IOException | InterruptedException e) {
                        return false;
                    }
                });
                WsClient tunnel = WsClient.connect(trustFirst, "wss://127.0.0.1:" + tlsPort + "/ws?user=alice")
                        .get(10, TimeUnit.SECONDS);
                tunnel.socket().sendText("before", true).get(10, TimeUnit.SECONDS);
                assertThat(tunnel.nextText()).isEqualTo("before");

                // A renewal that is half done (new certificate, old key) is refused and the old pair stays.
                Files.copy(second.cert(), cert, StandardCopyOption.REPLACE_EXISTING);
                hangUp(p);
                Await.until(Duration.ofSeconds(10), "the refused reload is logged",
                        () -> read(log).contains("TLS reload refused, still serving the previous certificate: key "
                                + key + " does not belong to certificate " + cert));
                assertThat(served(first.cert(), status)).isEqualTo(TestCerts.read(first.cert()));

                Files.copy(second.key(), key, StandardCopyOption.REPLACE_EXISTING);
                hangUp(p);
                Await.until(Duration.ofSeconds(10), "a new handshake gets the second certificate",
                        () -> secondCert.equals(served(second.cert(), status)));
                tunnel.socket().sendText("after the reload", true).get(10, TimeUnit.SECONDS);
                assertThat(tunnel.nextText()).isEqualTo("after the reload");
                assertThat(p.isAlive()).as("SIGHUP must not end the proxy").isTrue();
                assertThat(tunnel.ended).isNotDone();
                tunnel.socket().abort();
            } finally {
                p.destroy();
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    private static void hangUp(Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", String.valueOf(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -HUP").isTrue();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The certificate a new handshake is served, or null if the handshake (or the request) failed. A new client
     * (and SSL context) each time: no pooled connection or cached session can answer instead.
     */
    private static Certificate served(Path ca, String uri) {
        AtomicReference<Certificate> cert = new AtomicReference<>();
        try {
            HttpClient http = HttpClient.newBuilder().sslContext(TestCerts.trusting(ca)).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            r.sslSession().ifPresent(s -> {
                try {
                    cert.set(s.getPeerCertificates()[0]);
                } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                    cert.set(null);
                }
            });
        } catch (Exception e) {
            return null;
        }
        return cert.get();
    }
}
