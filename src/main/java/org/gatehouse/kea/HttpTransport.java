package org.gatehouse.kea;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLException;

/**
 * Kea over HTTP(S): the Control Agent (Kea up to 3.0) or kea-dhcp4's own HTTP control socket
 * (Kea 2.7.2+). Both accept {@code "service": ["dhcp4"]} and answer with a JSON array.
 */
public final class HttpTransport implements KeaTransport {
    private final URI uri;
    private final String authorization;
    private final HttpClient http;

    /** @param user and {@code password} may be null for a socket without authentication */
    public HttpTransport(URI uri, String user, char[] password, Duration connectTimeout) {
        this(uri, user, password, null, connectTimeout);
    }

    /**
     * @param caFile PEM file of the private CA that signed an https:// server's certificate; only
     *               it is trusted then. Null: the JDK's trusted CAs.
     */
    public HttpTransport(URI uri, String user, char[] password, Path caFile, Duration connectTimeout) {
        this.uri = uri;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + new String(password == null ? new char[0] : password)).getBytes(StandardCharsets.UTF_8));
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1);
        if (caFile != null) {
            builder.sslContext(PrivateCa.trusting(caFile));
        }
        this.http = builder.build();
    }

    @Override
    public String describe() {
        return uri.toString();
    }

    @Override
    public boolean wantsService() {
        return true;
    }

    @Override
    public String exchange(String request, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        BoundedReply.HttpBody body = new BoundedReply.HttpBody();
        try {
            response = http.send(b.build(), body);
        } catch (HttpTimeoutException e) {
            throw new KeaUnreachable(describe(), "timed out after " + timeout.toMillis() + " ms", e);
        } catch (ConnectException e) {
            throw new KeaUnreachable(describe(), "connection refused", e);
        } catch (IOException e) {
            SSLException tls = causeOf(e, SSLException.class);
            if (tls != null && causeOf(e, java.io.EOFException.class) == null && causeOf(e, java.net.SocketException.class) == null) {
                throw tlsRefused(tls);
            }
            throw new KeaUnreachable(describe(), "HTTP request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeaUnreachable(describe(), "interrupted", e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new KeaRefused("http", response.statusCode(),
                    "the server refused the credentials (HTTP " + response.statusCode() + "); check --kea-user and --kea-password-file");
        }
        // Kea answers errors such as a bad request with a JSON body too; the client reads its result.
        return body.text(response);
    }

    /** A certificate that is not trusted or names another host, or no TLS at all: a setting to fix (exit 1). */
    private KeaTlsRefused tlsRefused(SSLException e) {
        CertificateException cert = causeOf(e, CertificateException.class);
        if (cert != null) {
            return new KeaTlsRefused(describe(), "the server's TLS certificate was refused: " + cert.getMessage()
                    + " (give the CA that signed it with --kea-ca-file FILE, and use the host name the certificate names)", e);
        }
        return new KeaTlsRefused(describe(), "TLS handshake failed: " + e.getMessage() + " (is this an https:// endpoint?)", e);
    }

    private static <T extends Throwable> T causeOf(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
