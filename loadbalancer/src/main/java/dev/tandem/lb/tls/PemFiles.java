package dev.tandem.lb.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PEM certificate chain and its private key with the JDK alone, and checks that they belong together.
 * <p>
 * Keys: unencrypted PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}) holding an RSA, EC or Ed25519 key. The
 * older OpenSSL forms, PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and SEC1 ({@code BEGIN EC PRIVATE KEY}), and
 * encrypted keys are refused with the one command that converts them: reading them would need BouncyCastle
 * (or a key password on the command line), and one conversion is cheaper than a dependency. The pairing is
 * checked here because the JDK's key manager accepts any key next to any certificate and only the first
 * handshake would fail, on a client's screen, long after start-up.
 */
public final class PemFiles {
    private static final Pattern KEY_BLOCK =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "RSASSA-PSS");

    private PemFiles() {
    }

    /** The certificate chain in {@code file}, leaf first. */
    public static List<X509Certificate> certificates(Path file) throws TlsException {
        String what = "certificate " + file;
        byte[] bytes = read(file, what);
        try {
            List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (chain.isEmpty()) {
                throw new TlsException(what + " holds no certificate (expected -----BEGIN CERTIFICATE-----)");
            }
            return chain;
        } catch (CertificateException e) {
            throw new TlsException(what + " is not a PEM certificate (expected -----BEGIN CERTIFICATE-----): "
                    + e.getMessage());
        }
    }

    /** The private key in {@code file}; see the class comment for the formats. */
    public static PrivateKey privateKey(Path file) throws TlsException {
        String what = "key " + file;
        String text = new String(read(file, what), StandardCharsets.US_ASCII);
        String convert = "; convert it to unencrypted PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in " + file
                + " -out key.pem";
        if (text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")) {
            throw new TlsException(what + " is in the old OpenSSL form (" + (text.contains("BEGIN RSA") ? "PKCS#1" : "SEC1")
                    + ", BEGIN " + (text.contains("BEGIN RSA") ? "RSA" : "EC") + " PRIVATE KEY)" + convert);
        }
        if (text.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            throw new TlsException(what + " is encrypted, and tandem-lb takes no key password" + convert);
        }
        Matcher m = KEY_BLOCK.matcher(text);
        if (!m.find()) {
            throw new TlsException(what + " holds no private key (expected -----BEGIN PRIVATE KEY-----, PKCS#8)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new TlsException(what + ": the PEM block is not valid base64");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm: PKCS#8 names its algorithm inside, the JDK wants it named outside
            }
        }
        throw new TlsException(what + " is not an RSA, EC or Ed25519 PKCS#8 key");
    }

    /**
     * Fails unless {@code key} is the private half of {@code leaf}'s public key: signs random bytes and verifies
     * the signature with the certificate.
     */
    public static void checkPair(X509Certificate leaf, PrivateKey key, Path certFile, Path keyFile) throws TlsException {
        PublicKey pub = leaf.getPublicKey();
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        boolean matches = false;
        if (algorithm != null && pub.getAlgorithm().equals(key.getAlgorithm())) {
            try {
                byte[] probe = new byte[32];
                new SecureRandom().nextBytes(probe);
                Signature signer = Signature.getInstance(algorithm);
                signer.initSign(key);
                signer.update(probe);
                byte[] signature = signer.sign();
                Signature verifier = Signature.getInstance(algorithm);
                verifier.initVerify(pub);
                verifier.update(probe);
                matches = verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                matches = false;
            }
        }
        if (!matches) {
            throw new TlsException("key " + keyFile + " does not belong to certificate " + certFile
                    + " (" + leaf.getSubjectX500Principal().getName() + ")");
        }
    }

    private static byte[] read(Path file, String what) throws TlsException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TlsException(what + " does not exist");
        } catch (IOException e) {
            throw new TlsException(what + " cannot be read: " + e);
        }
    }
}
