package org.gatehouse.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/** An in-process Apache MINA SSH server on 127.0.0.1 with one password user. */
public final class TestSshServer implements AutoCloseable {
    private final SshServer server;
    private final String user = "keaops";
    private final String password = UUID.randomUUID().toString();

    public TestSshServer(Path hostKey, CommandFactory commands) throws IOException {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
        server.setPasswordAuthenticator((u, p, session) -> user.equals(u) && password.equals(p));
        server.setCommandFactory(commands);
        server.start();
    }

    public int port() {
        return server.getPort();
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
