package org.gatehouse.kea;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.gatehouse.model.BadInput;

/** A TLS context that trusts the certificates of one PEM file (a site's private CA) and nothing else. */
final class PrivateCa {
    /** A CA bundle is a few kB; anything far larger is the wrong file. */
    private static final long MAX_BYTES = 1 << 20;

    private PrivateCa() {
    }

    static SSLContext trusting(Path pemFile) {
        Collection<? extends Certificate> certs;
        try {
            if (Files.size(pemFile) > MAX_BYTES) {
                throw new BadInput("--kea-ca-file", pemFile + " is larger than 1 MiB; is it a PEM CA certificate?");
            }
            try (InputStream in = Files.newInputStream(pemFile)) {
                certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
        } catch (IOException e) {
            throw new BadInput("--kea-ca-file", "cannot read " + pemFile + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new BadInput("--kea-ca-file", pemFile + " is not a PEM certificate: " + e.getMessage());
        }
        if (certs.isEmpty()) {
            throw new BadInput("--kea-ca-file", pemFile + " holds no certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                anchors.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context from " + pemFile, e);
        }
    }
}
