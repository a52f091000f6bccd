package org.gatehouse.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.gatehouse.model.Mac;

/**
 * One CLI session of the demo switch: the part of Comware 7 that Gatehouse uses (user, system, ACL
 * and interface views; MAC ACL rules; packet filters; blackhole entries; {@code display acl},
 * {@code display mac-address}, {@code display interface brief}; {@code save force}). Output follows
 * the layouts of real Comware captures; anything else gets Comware's "% Unrecognized command".
 */
final class ComwareDemoShell implements Command, Runnable {
    static final String SYSNAME = "gh-demo-sw";
    private static final String HHH = "([0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,4})";
    private static final String MAC_HEADER = "MAC ADDR       VLAN ID  STATE          PORT INDEX               AGING TIME(s)";

    private enum Kind { USER, SYSTEM, ACL, INTERFACE }

    private record View(Kind kind, String name, int acl) {
    }

    private final DemoNetwork network;
    private final DemoSwitchConfig config;
    private final Deque<View> views = new ArrayDeque<>();
    private InputStream in;
    private OutputStream out;
    private ExitCallback exit;
    private Thread thread;
    private boolean afterCr;

    ComwareDemoShell(DemoNetwork network, DemoSwitchConfig config) {
        this.network = network;
        this.config = config;
    }

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
        // Comware writes everything to the terminal
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        views.push(new View(Kind.USER, null, 0));
        thread = new Thread(this, "demo-switch-cli");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public void run() {
        try {
            write("\r\n*********************************************************************\r\n"
                    + "* Gatehouse demo switch: a simulated HPE 5130 24G 4SFP+ (Comware 7) *\r\n"
                    + "*********************************************************************\r\n\r\n" + prompt());
            String line;
            while ((line = readLine()) != null) {
                write(line + "\r\n"); // the echo of a terminal
                List<String> reply = new ArrayList<>();
                boolean stay = line.isBlank() || execute(line.trim(), reply);
                for (String r : reply) {
                    write(r + "\r\n");
                }
                if (!stay) {
                    break;
                }
                write(prompt());
            }
        } catch (IOException e) {
            // the client went away
        }
        exit.onExit(0);
    }

    private String prompt() {
        View v = views.peek();
        return switch (v.kind()) {
            case USER -> "<" + SYSNAME + ">";
            case SYSTEM -> "[" + SYSNAME + "]";
            case ACL -> "[" + SYSNAME + "-acl-mac-" + v.acl() + "]";
            case INTERFACE -> "[" + SYSNAME + "-" + v.name() + "]";
        };
    }

    /** Runs one command line; false when the session ends. */
    private boolean execute(String cmd, List<String> reply) {
        Kind kind = views.peek().kind();
        Matcher m;
        if (cmd.equals("quit")) {
            views.pop();
            return !views.isEmpty();
        }
        if (cmd.equals("return")) {
            while (views.size() > 1) {
                views.pop();
            }
        } else if (cmd.equals("screen-length disable") && kind == Kind.USER) {
            return true;
        } else if (cmd.equals("system-view") && kind == Kind.USER) {
            reply.add("System View: return to User View with Ctrl+Z.");
            views.push(new View(Kind.SYSTEM, null, 0));
        } else if (cmd.equals("save force")) {
            config.save();
            reply.add("Validating file. Please wait...");
            reply.add("Saved the current configuration to mainboard device successfully.");
        } else if ((m = match("display acl (?:mac )?(\\d{1,4})", cmd)) != null) {
            List<String> acl = config.display(Integer.parseInt(m.group(1)));
            reply.addAll(acl != null ? acl : List.of("% ACL " + m.group(1) + " does not exist."));
        } else if (cmd.startsWith("display mac-address")) {
            displayMacAddress(cmd.substring("display mac-address".length()).trim(), reply);
        } else if (cmd.equals("display interface brief")) {
            interfaceBrief(reply);
        } else if (kind == Kind.SYSTEM && (m = match("acl (?:mac|number) (\\d{1,5})", cmd)) != null) {
            int acl = Integer.parseInt(m.group(1));
            if (acl < 4000 || acl > 4999) {
                wrongParameter(reply, cmd, cmd.lastIndexOf(' ') + 1);
            } else {
                config.createAcl(acl);
                views.push(new View(Kind.ACL, null, acl));
            }
        } else if (kind == Kind.SYSTEM && (m = match("interface (\\S+)", cmd)) != null) {
            int port = DemoNetwork.portOf(m.group(1));
            if (port == 0) {
                wrongParameter(reply, cmd, "interface ".length());
            } else {
                views.push(new View(Kind.INTERFACE, DemoNetwork.portName(port), 0));
            }
        } else if (kind == Kind.SYSTEM && (m = match("(undo )?mac-address blackhole " + HHH + " vlan (\\d{1,4})", cmd)) != null) {
            config.blackhole(comware(m.group(2)) + " " + m.group(3), m.group(1) == null);
        } else if (kind == Kind.ACL && (m = match("rule (\\d{1,5}) (deny|permit) source-mac " + HHH + " " + HHH, cmd)) != null) {
            int id = Integer.parseInt(m.group(1));
            String error = id > 65534 ? "% Wrong parameter found at '^' position."
                    : config.addRule(views.peek().acl(), id, m.group(2) + " source-mac " + comware(m.group(3)) + " " + comware(m.group(4)));
            if (error != null) {
                reply.add(error);
            }
        } else if (kind == Kind.ACL && (m = match("undo rule (\\d{1,5})", cmd)) != null) {
            String error = config.removeRule(views.peek().acl(), Integer.parseInt(m.group(1)));
            if (error != null) {
                reply.add(error);
            }
        } else if (kind == Kind.INTERFACE && (m = match("packet-filter (?:mac )?(\\d{1,4}) inbound", cmd)) != null) {
            config.filter(views.peek().name(), Integer.parseInt(m.group(1)));
        } else {
            reply.add(" ".repeat(prompt().length()) + "^");
            reply.add("% Unrecognized command found at '^' position.");
        }
        return true;
    }

    private void displayMacAddress(String args, List<String> reply) {
        Matcher m;
        List<DemoNetwork.Learned> rows = new ArrayList<>();
        List<String> holes = List.of();
        if ((m = match(HHH, args)) != null) {
            DemoNetwork.Learned l = network.find(Mac.parse(comware(m.group(1)).replace("-", "")));
            if (l != null) {
                rows.add(l);
            }
            String wanted = comware(m.group(1));
            holes = config.blackholes().stream().filter(b -> b.startsWith(wanted)).toList();
        } else if ((m = match("interface (\\S+)", args)) != null) {
            int port = DemoNetwork.portOf(m.group(1));
            network.learned().stream().filter(l -> l.port() == port).forEach(rows::add);
        } else if (args.equals("blackhole")) {
            holes = config.blackholes();
        } else if (args.isEmpty()) {
            rows.addAll(network.learned());
        } else {
            reply.add("% Wrong parameter found at '^' position.");
            return;
        }
        reply.add(MAC_HEADER);
        for (DemoNetwork.Learned l : rows) {
            reply.add(String.format(Locale.ROOT, "%-15s%-9d%-15s%-25s%s", l.mac().toComware(), l.vlan(), "Learned",
                    DemoNetwork.portName(l.port()), "AGING"));
        }
        for (String h : holes) {
            String[] macVlan = h.split(" ");
            reply.add(String.format(Locale.ROOT, "%-15s%-9s%-15s%-25s%s", macVlan[0], macVlan[1], "Blackhole", "N/A", "NOAGED"));
        }
    }

    private void interfaceBrief(List<String> reply) {
        reply.add("Brief information on interfaces in bridge mode:");
        reply.add("Link: ADM - administratively down; Stby - standby");
        reply.add("Speed: (a) - auto");
        reply.add("Duplex: (a)/A - auto; H - half; F - full");
        reply.add("Type: A - access; T - trunk; H - hybrid");
        reply.add("Interface            Link Speed     Duplex Type PVID Description");
        for (int p = 1; p <= DemoNetwork.portCount(); p++) {
            boolean ap = p <= DemoNetwork.ACCESS_POINTS;
            boolean uplink = p == DemoNetwork.GIGABIT_PORTS + 1;
            String link = ap || uplink ? "UP" : "DOWN";
            String speed = ap ? "1G(a)" : uplink ? "10G" : "auto";
            String duplex = ap ? "F(a)" : uplink ? "F" : "A";
            reply.add(String.format(Locale.ROOT, "%-21s%-5s%-10s%-7s%-5s%-5s%s", DemoNetwork.shortName(p), link, speed, duplex,
                    ap ? "H" : uplink ? "T" : "A", ap ? "40" : "1", ap ? "guest AP " + p : uplink ? "uplink" : "").stripTrailing());
        }
    }

    private void wrongParameter(List<String> reply, String cmd, int at) {
        reply.add(" ".repeat(prompt().length() + at) + "^");
        reply.add("% Wrong parameter found at '^' position.");
    }

    /** H-H-H with leading zeros, lower case, as Comware prints it back. */
    private static String comware(String hhh) {
        StringBuilder sb = new StringBuilder();
        for (String g : hhh.toLowerCase(Locale.ROOT).split("-")) {
            sb.append(sb.length() == 0 ? "" : "-").append("0".repeat(4 - g.length())).append(g);
        }
        return sb.toString();
    }

    private static Matcher match(String regex, String s) {
        Matcher m = Pattern.compile(regex).matcher(s);
        return m.matches() ? m : null;
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                return sb.length() == 0 ? null : sb.toString();
            }
            boolean lfAfterCr = c == '\n' && afterCr && sb.length() == 0;
            afterCr = c == '\r';
            if (lfAfterCr) {
                continue;
            }
            if (c == '\n' || c == '\r') {
                return sb.toString();
            }
            if (sb.length() < 512) {
                sb.append((char) c);
            }
        }
    }
}
