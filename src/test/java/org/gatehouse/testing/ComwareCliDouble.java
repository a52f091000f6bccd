package org.gatehouse.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.gatehouse.sw.ComwareParsers;
import org.gatehouse.sw.InterfaceName;

/**
 * An in-process SSH server (Apache MINA sshd) that behaves like a Comware 7 CLI: the documented
 * prompts and views ({@code <sys>}, {@code [sys]}, {@code [sys-acl-mac-4000]},
 * {@code [sys-GigabitEthernet1/0/3]}), optional "Press Y or ENTER" banner, {@code %} error lines
 * for unknown or invalid commands, MAC ACLs, packet filters and blackhole entries held as running
 * configuration that {@code save force} persists.
 *
 * <p>What it shows comes from the recordings in src/test/resources/switch-recordings/cli: {@code display mac-address} rows and
 * {@code display interface brief} are the recorded outputs (rows added only for the blackhole
 * entries a test made); the interfaces and VLANs that exist are the ones in those recordings.
 * No real {@code display acl} capture exists: its output follows the vendor-documented layout
 * ({@code MAC ACL 4000, 2 rules,} / {@code ACL's step is 5} / {@code rule 5 deny …}; older releases
 * {@code Ethernet frame ACL 4000, named -none-, …}).
 */
public final class ComwareCliDouble implements AutoCloseable {
    public static final String SYSNAME = "gate-sw";
    private static final String UNRECOGNIZED = "% Unrecognized command found at '^' position.";
    private static final String WRONG = "% Wrong parameter found at '^' position.";
    private static final String INCOMPLETE = "% Incomplete command found at '^' position.";
    private static final String HHH = "([0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,4})";

    /** Switch behaviour a test chooses. */
    public static final class Options {
        boolean onlyAclNumber;
        boolean banner;
        Duration delay = Duration.ZERO;
        String slowCommand;
        int dropAfter = -1;

        /** Older Comware 7: only {@code acl number N}, {@code display acl N}, {@code packet-filter N inbound}. */
        public Options onlyAclNumber() {
            onlyAclNumber = true;
            return this;
        }

        public Options banner() {
            banner = true;
            return this;
        }

        /** Wait {@code delay} before answering any command starting with {@code prefix}. */
        public Options slow(String prefix, Duration delay) {
            this.slowCommand = prefix;
            this.delay = delay;
            return this;
        }

        /** Cut the connection right after executing the n-th command of a session (1-based). */
        public Options dropAfter(int n) {
            dropAfter = n;
            return this;
        }
    }

    /** The configuration the double holds: ACL rules, packet filters, blackholes. */
    public static final class Config {
        final Map<Integer, TreeMap<Integer, String>> acls = new TreeMap<>();
        final Map<String, Set<String>> filters = new TreeMap<>();
        final Set<String> blackholes = new LinkedHashSet<>();

        Config copy() {
            Config c = new Config();
            acls.forEach((k, v) -> c.acls.put(k, new TreeMap<>(v)));
            filters.forEach((k, v) -> c.filters.put(k, new LinkedHashSet<>(v)));
            c.blackholes.addAll(blackholes);
            return c;
        }

        public Map<Integer, String> rules(int acl) {
            return Collections.unmodifiableMap(acls.getOrDefault(acl, new TreeMap<>()));
        }

        public Set<String> filters(String port) {
            return filters.getOrDefault(port, Set.of());
        }

        public Set<String> blackholes() {
            return Collections.unmodifiableSet(blackholes);
        }
    }

    private final SshServer server;
    private final String user = "netops";
    private final String password = UUID.randomUUID().toString();
    private volatile Options options;
    private volatile Config running = new Config();
    private volatile Config saved = new Config();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final List<String> macTable;
    private final List<String> interfaceBrief;
    private final Set<String> interfaces = ConcurrentHashMap.newKeySet();
    private final Set<Integer> vlans = ConcurrentHashMap.newKeySet();

    public ComwareCliDouble(Path hostKey, Options options) throws IOException {
        this.options = options;
        Path cli = SharedData.switchRecording("cli");
        macTable = Files.readAllLines(cli.resolve("display_mac-address/hp_comware_display_mac-address.raw"));
        interfaceBrief = Files.readAllLines(cli.resolve("display_interface_brief/hp_comware_display_interface_brief.raw"));
        learnRecordedInterfacesAndVlans(cli);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
        server.setPasswordAuthenticator((u, p, s) -> user.equals(u) && password.equals(p));
        server.setShellFactory(channel -> new Shell());
        server.start();
    }

    /** Interfaces and VLANs that exist on this "switch": every one named in the recorded outputs. */
    private void learnRecordedInterfacesAndVlans(Path cli) throws IOException {
        Pattern name = Pattern.compile("\\b([A-Z][A-Za-z]*(?:-[A-Za-z]+)?\\d+(?:/\\d+)*)\\b");
        for (String folder : List.of("display_mac-address", "display_vlan_all", "display_interface_brief")) {
            try (var files = Files.list(cli.resolve(folder))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".raw")).toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (String l : lines) {
                        Matcher m = name.matcher(l);
                        while (m.find()) {
                            if (InterfaceName.isValid(m.group(1))) {
                                interfaces.add(InterfaceName.parse(m.group(1)).toString());
                            }
                        }
                    }
                    if (folder.equals("display_vlan_all")) {
                        vlans.addAll(ComwareParsers.vlanNames(lines).keySet());
                    }
                }
            }
        }
        for (String l : macTable) {
            ComwareParsers.macTable(List.of(l)).forEach(e -> vlans.add(e.vlan()));
        }
        vlans.forEach(v -> interfaces.add("Vlan-interface" + v));
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

    public void options(Options o) {
        this.options = o;
    }

    /** Every line received, in all sessions, in order. */
    public List<String> received() {
        return List.copyOf(received);
    }

    public int logins() {
        return logins.get();
    }

    public Config running() {
        return running;
    }

    public Config saved() {
        return saved;
    }

    /** A reboot: the running configuration becomes what was last saved. */
    public void reboot() {
        running = saved.copy();
    }

    /** Someone configured a rule by hand (running and saved). */
    public void handMadeRule(int acl, int id, String body) {
        running.acls.computeIfAbsent(acl, k -> new TreeMap<>()).put(id, body);
        saved = running.copy();
    }

    /** Someone removed a rule by hand (running and saved). */
    public void handRemovedRule(int acl, int id) {
        running.acls.computeIfAbsent(acl, k -> new TreeMap<>()).remove(id);
        saved = running.copy();
    }

    public Set<String> interfaces() {
        return Set.copyOf(interfaces);
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private enum Kind { USER, SYSTEM, ACL, INTERFACE }

    private record View(Kind kind, String name, int acl) {
    }

    /** One CLI session. */
    private final class Shell implements Command, Runnable {
        private InputStream in;
        private OutputStream out;
        private ExitCallback exit;
        private ChannelSession channel;
        private final Deque<View> views = new ArrayDeque<>();
        private int commands;
        private Thread thread;

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            this.channel = channel;
            logins.incrementAndGet();
            views.push(new View(Kind.USER, null, 0));
            thread = new Thread(this, "comware-double");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
            thread.interrupt();
        }

        private String prompt() {
            View v = views.peek();
            return switch (v.kind()) {
                case USER -> "<" + SYSNAME + ">";
                case SYSTEM -> "[" + SYSNAME + "]";
                case ACL -> "[" + SYSNAME + "-acl-" + (options.onlyAclNumber ? "ethernetframe-" : "mac-") + v.acl() + "]";
                case INTERFACE -> "[" + SYSNAME + "-" + v.name() + "]";
            };
        }

        private void write(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        @Override
        public void run() {
            try {
                write("\r\n******************************************************************************\r\n"
                        + "* Copyright (c) 2010-2017 Hewlett Packard Enterprise Development LP          *\r\n"
                        + "******************************************************************************\r\n\r\n");
                if (options.banner) {
                    write("Press Y or ENTER to continue, N to exit.\r\n");
                    if (readLine() == null) {
                        return;
                    }
                }
                write(prompt());
                String line;
                while ((line = readLine()) != null) {
                    write(line + "\r\n"); // echo, as over a pty
                    if (line.isBlank()) {
                        write(prompt());
                        continue;
                    }
                    received.add(line);
                    commands++;
                    Options o = options;
                    if (o.slowCommand != null && line.startsWith(o.slowCommand)) {
                        Thread.sleep(o.delay.toMillis());
                    }
                    List<String> reply = new ArrayList<>();
                    boolean stay = execute(line.trim(), reply);
                    if (o.dropAfter > 0 && commands >= o.dropAfter) {
                        channel.getSession().close(true);
                        return;
                    }
                    for (String r : reply) {
                        write(r + "\r\n");
                    }
                    if (!stay) {
                        exit.onExit(0);
                        return;
                    }
                    write(prompt());
                }
                exit.onExit(0);
            } catch (IOException | InterruptedException e) {
                // client went away
            }
        }

        private boolean afterCr;

        private String readLine() throws IOException {
            StringBuilder sb = new StringBuilder();
            while (true) {
                int c = in.read();
                if (c < 0) {
                    return sb.length() == 0 ? null : sb.toString();
                }
                boolean skip = c == '\n' && afterCr && sb.length() == 0;
                afterCr = c == '\r';
                if (skip) {
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    return sb.toString();
                }
                sb.append((char) c);
            }
        }

        /** Runs one command; false when the session ends. */
        private boolean execute(String cmd, List<String> reply) {
            View view = views.peek();
            Config cfg = running;
            Matcher m;
            if (cmd.equals("quit")) {
                views.pop();
                return !views.isEmpty();
            }
            if (cmd.equals("return")) {
                while (views.size() > 1) {
                    views.pop();
                }
                return true;
            }
            if (cmd.equals("screen-length disable") && view.kind() == Kind.USER) {
                return true;
            }
            if (cmd.equals("save force")) {
                saved = cfg.copy();
                reply.add("Validating file. Please wait...");
                reply.add("Saved the current configuration to mainboard device successfully.");
                return true;
            }
            if (cmd.equals("system-view") && view.kind() == Kind.USER) {
                reply.add("System View: return to User View with Ctrl+Z.");
                views.push(new View(Kind.SYSTEM, null, 0));
                return true;
            }
            if ((m = match("display acl (mac )?(\\d+)", cmd)) != null) {
                if (m.group(1) != null && options.onlyAclNumber) {
                    error(reply, cmd, "display acl ".length(), UNRECOGNIZED);
                    return true;
                }
                int acl = Integer.parseInt(m.group(2));
                TreeMap<Integer, String> rules = cfg.acls.get(acl);
                if (rules == null) {
                    reply.add("% ACL " + acl + " does not exist.");
                    return true;
                }
                String n = rules.size() + " rule" + (rules.size() == 1 ? "" : "s") + ",";
                reply.add(options.onlyAclNumber ? "Ethernet frame ACL " + acl + ", named -none-, " + n : "MAC ACL " + acl + ", " + n);
                reply.add("ACL's step is 5");
                rules.forEach((id, body) -> reply.add(" rule " + id + " " + body));
                return true;
            }
            if ((m = match("display mac-address " + HHH, cmd)) != null) {
                String wanted = ComwareParsers.comwareMac(m.group(1)).toComware();
                reply.add(macTable.get(0));
                for (String row : macTable.subList(1, macTable.size())) {
                    if (row.toLowerCase(Locale.ROOT).startsWith(wanted)) {
                        reply.add(row);
                    }
                }
                cfg.blackholes.stream().filter(b -> b.startsWith(wanted)).forEach(b -> reply.add(blackholeRow(b)));
                return true;
            }
            if (cmd.equals("display mac-address blackhole")) {
                reply.add(macTable.get(0));
                cfg.blackholes.forEach(b -> reply.add(blackholeRow(b)));
                return true;
            }
            if (cmd.equals("display interface brief")) {
                reply.addAll(interfaceBrief);
                return true;
            }
            if (view.kind() == Kind.SYSTEM && (m = match("acl (mac|number) (\\d+)", cmd)) != null) {
                int acl = Integer.parseInt(m.group(2));
                if (m.group(1).equals("mac") && options.onlyAclNumber) {
                    error(reply, cmd, 4, UNRECOGNIZED);
                    return true;
                }
                if (acl < 2000 || acl > 5999) {
                    error(reply, cmd, cmd.lastIndexOf(' ') + 1, WRONG);
                    return true;
                }
                cfg.acls.computeIfAbsent(acl, k -> new TreeMap<>());
                views.push(new View(Kind.ACL, null, acl));
                return true;
            }
            if (view.kind() == Kind.ACL && (m = match("rule (\\d+) (deny|permit) source-mac " + HHH + " " + HHH, cmd)) != null) {
                int id = Integer.parseInt(m.group(1));
                String body = m.group(2) + " source-mac " + m.group(3).toLowerCase(Locale.ROOT) + " " + m.group(4).toLowerCase(Locale.ROOT);
                TreeMap<Integer, String> rules = cfg.acls.get(view.acl());
                if (id > 65534) {
                    error(reply, cmd, 5, WRONG);
                } else if (rules.entrySet().stream().anyMatch(e -> e.getValue().equals(body) && e.getKey() != id)) {
                    reply.add("% The rule already exists.");
                } else {
                    rules.put(id, body);
                }
                return true;
            }
            if (view.kind() == Kind.ACL && (m = match("undo rule (\\d+)", cmd)) != null) {
                if (cfg.acls.get(view.acl()).remove(Integer.parseInt(m.group(1))) == null) {
                    reply.add("% The rule does not exist.");
                }
                return true;
            }
            if (view.kind() == Kind.SYSTEM && (m = match("interface (\\S+)", cmd)) != null) {
                String name = InterfaceName.isValid(m.group(1)) ? InterfaceName.parse(m.group(1)).toString() : null;
                if (name == null || !interfaces.contains(name)) {
                    error(reply, cmd, "interface ".length(), WRONG);
                    return true;
                }
                views.push(new View(Kind.INTERFACE, name, 0));
                return true;
            }
            if (view.kind() == Kind.INTERFACE && (m = match("packet-filter (mac )?(\\d+) inbound", cmd)) != null) {
                int acl = Integer.parseInt(m.group(2));
                boolean mac = m.group(1) != null;
                if (mac && options.onlyAclNumber) {
                    error(reply, cmd, "packet-filter ".length(), UNRECOGNIZED);
                } else if (!mac && !options.onlyAclNumber) {
                    error(reply, cmd, "packet-filter ".length(), WRONG); // 4000 is not an IPv4 ACL number
                } else {
                    cfg.filters.computeIfAbsent(view.name(), k -> new LinkedHashSet<>()).add("packet-filter mac " + acl + " inbound");
                }
                return true;
            }
            if (view.kind() == Kind.SYSTEM && (m = match("(undo )?mac-address blackhole " + HHH + " vlan (\\d+)", cmd)) != null) {
                int vlan = Integer.parseInt(m.group(3));
                String key = ComwareParsers.comwareMac(m.group(2)).toComware() + " " + vlan;
                if (!vlans.contains(vlan)) {
                    reply.add("% VLAN " + vlan + " does not exist.");
                } else if (m.group(1) != null) {
                    cfg.blackholes.remove(key);
                } else {
                    cfg.blackholes.add(key);
                }
                return true;
            }
            if (cmd.startsWith("display ") || cmd.startsWith("rule ") || cmd.startsWith("acl ") || cmd.startsWith("interface ")) {
                error(reply, cmd, cmd.indexOf(' ') + 1, cmd.split(" ").length < 3 ? INCOMPLETE : WRONG);
                return true;
            }
            error(reply, cmd, 0, UNRECOGNIZED);
            return true;
        }

        private String blackholeRow(String key) {
            String[] p = key.split(" ");
            return String.format("%-15s%-9s%-15s%-25s%s", p[0], p[1], "Blackhole", "N/A", "NOAGED");
        }

        private void error(List<String> reply, String cmd, int at, String message) {
            reply.add(" ".repeat(at + prompt().length()) + "^");
            reply.add(message);
        }

        private Matcher match(String regex, String cmd) {
            Matcher m = Pattern.compile(regex).matcher(cmd);
            return m.matches() ? m : null;
        }
    }
}
