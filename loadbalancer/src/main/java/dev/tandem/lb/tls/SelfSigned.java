package dev.tandem.lb.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes a self-signed certificate and key for local use ({@code ./tandem up --tls}), with the JDK alone:
 * {@code keytool} (in every JDK) makes the pair in a throw-away PKCS#12 store, and this class writes it out
 * as {@code cert.pem} and an unencrypted PKCS#8 {@code key.pem} (mode 600), the files {@code tandem-lb} reads.
 * The certificate names {@code localhost} and {@code 127.0.0.1} (plus any names given) and is its own CA:
 * a client trusts it by loading {@code cert.pem} as its CA file.
 * <pre>{@code java -cp tandem-lb.jar dev.tandem.lb.tls.SelfSigned DIR [NAME_OR_IP ...]}</pre>
 * The store's password is random and reaches keytool through its environment ({@code -storepass:env}), never
 * its arguments.
 */
public final class SelfSigned {
    private static final String ALIAS = "tandem";
    private static final String PASSWORD_ENV = "TANDEM_SELF_SIGNED_STOREPASS";

    private SelfSigned() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1 || args[0].startsWith("-")) {
            System.err.println("usage: java -cp tandem-lb.jar dev.tandem.lb.tls.SelfSigned DIR [NAME_OR_IP ...]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<String> names = List.of(args).subList(1, args.length);
        try {
            generate(dir.resolve("cert.pem"), dir.resolve("key.pem"), names);
        } catch (IOException e) {
            System.err.println("tandem-lb: cannot make a self-signed certificate: " + e.getMessage());
            System.exit(1);
        }
        System.out.println(dir.resolve("cert.pem"));
    }

    /**
     * Writes a new self-signed EC P-256 pair for localhost, 127.0.0.1 and {@code extraNames}, valid 825 days.
     * Files already there are replaced (each by a rename, so a reader never sees half a file).
     */
    public static void generate(Path certFile, Path keyFile, List<String> extraNames)
            throws IOException, InterruptedException {
        Path dir = certFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path store = Files.createTempFile(dir, "self-signed", ".p12");
        Files.delete(store); // keytool wants to create it
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        try {
            List<String> san = new ArrayList<>(List.of("dns:localhost", "ip:127.0.0.1"));
            for (String name : extraNames) {
                san.add((name.matches("[0-9.]+|.*:.*") ? "ip:" : "dns:") + name);
            }
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            ProcessBuilder pb = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                    "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                    "-dname", "CN=localhost, OU=self-signed for local use, O=Tandem", "-validity", "825",
                    "-ext", "SAN=" + String.join(",", san), "-ext", "BC:c=ca:true",
                    "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass:env", PASSWORD_ENV, "-keypass:env", PASSWORD_ENV)
                    .redirectErrorStream(true);
            pb.environment().put(PASSWORD_ENV, password);
            Process keytoolRun = pb.start();
            String output = new String(keytoolRun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytoolRun.waitFor(60, TimeUnit.SECONDS) || keytoolRun.exitValue() != 0) {
                keytoolRun.destroyForcibly();
                throw new IOException("keytool failed: " + output.strip());
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, password.toCharArray());
            }
            PrivateKey key = (PrivateKey) ks.getKey(ALIAS, password.toCharArray());
            Certificate cert = ks.getCertificate(ALIAS);
            writeAtomically(keyFile, pem("PRIVATE KEY", key.getEncoded()), true);
            writeAtomically(certFile, pem("CERTIFICATE", cert.getEncoded()), false);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read keytool's store: " + e, e);
        } finally {
            Files.deleteIfExists(store);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static void writeAtomically(Path target, String content, boolean secret) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".tmp-", ".pem");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): the directory's own protection applies
            }
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
