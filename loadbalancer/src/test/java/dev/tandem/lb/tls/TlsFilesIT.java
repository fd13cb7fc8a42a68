package dev.tandem.lb.tls;

import dev.tandem.lb.support.TestCerts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Certificate and key files as operators get them wrong, against real pairs made by {@link SelfSigned}
 * (keytool, hence an IT): each mistake is refused with a message naming the file and what to do.
 */
@Timeout(60)
class TlsFilesIT {
    @TempDir
    static Path dir;
    private static TestCerts.Pair one;
    private static TestCerts.Pair two;

    @BeforeAll
    static void pairs() throws Exception {
        one = TestCerts.make(Files.createDirectories(dir.resolve("one")));
        two = TestCerts.make(Files.createDirectories(dir.resolve("two")));
    }

    @Test
    void aSelfSignedPairLoadsAndNamesLocalhost() throws Exception {
        TlsContext tls = TlsContext.load(one.cert(), one.key());
        assertThat(tls.certificate()).isEqualTo(TestCerts.read(one.cert()));
        assertThat(tls.certificate().getSubjectAlternativeNames()).extracting(san -> (Object) san.get(1))
                .contains((Object) "localhost", "127.0.0.1");
        assertThat(Files.getPosixFilePermissions(one.key())).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> TlsContext.load(missing, one.key()))
                .isInstanceOf(TlsException.class).hasMessage("certificate " + missing + " does not exist");
        assertThatThrownBy(() -> TlsContext.load(one.cert(), missing))
                .isInstanceOf(TlsException.class).hasMessage("key " + missing + " does not exist");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        assertThatThrownBy(() -> TlsContext.load(one.cert(), two.key()))
                .isInstanceOf(TlsException.class)
                .hasMessageStartingWith("key " + two.key() + " does not belong to certificate " + one.cert());
    }

    @Test
    void theOldOpenSslKeyFormsAreRefusedWithTheConversion() throws Exception {
        Path rsa = Files.writeString(dir.resolve("rsa.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsContext.load(one.cert(), rsa))
                .isInstanceOf(TlsException.class)
                .hasMessageContaining("PKCS#1, BEGIN RSA PRIVATE KEY")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + rsa);
        Path ec = Files.writeString(dir.resolve("ec.pem"),
                "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI\n-----END EC PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsContext.load(one.cert(), ec)).hasMessageContaining("SEC1, BEGIN EC PRIVATE KEY");
        Path encrypted = Files.writeString(dir.resolve("enc.pem"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsContext.load(one.cert(), encrypted)).hasMessageContaining("is encrypted");
    }

    @Test
    void swappedOrGarbledFilesAreRefused() throws Exception {
        assertThatThrownBy(() -> TlsContext.load(one.key(), one.key()))
                .isInstanceOf(TlsException.class).hasMessageContaining("certificate " + one.key());
        assertThatThrownBy(() -> TlsContext.load(one.cert(), one.cert()))
                .isInstanceOf(TlsException.class)
                .hasMessage("key " + one.cert() + " holds no private key (expected -----BEGIN PRIVATE KEY-----, PKCS#8)");
        Path garbled = Files.writeString(dir.resolve("garbled.pem"),
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsContext.load(one.cert(), garbled))
                .isInstanceOf(TlsException.class).hasMessageContaining("is not an RSA, EC or Ed25519 PKCS#8 key");
    }

    @Test
    void aBadReloadKeepsTheServedCertificate() throws Exception {
        Path cert = dir.resolve("live-cert.pem");
        Path key = dir.resolve("live-key.pem");
        Files.copy(one.cert(), cert);
        Files.copy(one.key(), key);
        TlsContext tls = TlsContext.load(cert, key);
        Files.copy(two.cert(), cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // key not yet replaced
        assertThat(tls.reload()).isFalse();
        assertThat(tls.certificate()).isEqualTo(TestCerts.read(one.cert()));
        Files.copy(two.key(), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(tls.reload()).isTrue();
        assertThat(tls.certificate()).isEqualTo(TestCerts.read(two.cert()));
    }
}
