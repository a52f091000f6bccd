package org.gatehouse.sw;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gatehouse.model.Mac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.CommunityTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.GenericAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Finds where a MAC is plugged in, read-only over SNMP (v2c, or v3 authPriv), with GETBULK walks:
 * Q-BRIDGE {@code dot1qTpFdbPort.<fdbId>.<mac>} → bridge port → {@code dot1dBasePortIfIndex} →
 * ifIndex → {@code ifName}; the VLAN-unaware {@code dot1dTpFdbPort} when Q-BRIDGE has nothing.
 * Never assumes bridge port = ifIndex (it is not on Comware 7) unless the switch has no
 * {@code dot1dBasePortIfIndex} row for the port.
 */
public final class SnmpLocator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnmpLocator.class);
    static final OID DOT1Q_TP_FDB_PORT = new OID("1.3.6.1.2.1.17.7.1.2.2.1.2");
    static final OID DOT1D_TP_FDB_PORT = new OID("1.3.6.1.2.1.17.4.3.1.2");
    static final OID DOT1D_BASE_PORT_IFINDEX = new OID("1.3.6.1.2.1.17.1.4.1.2");
    static final OID IF_NAME = new OID("1.3.6.1.2.1.31.1.1.1.1");
    static final OID DOT1Q_VLAN_STATIC_NAME = new OID("1.3.6.1.2.1.17.7.1.4.3.1.1");
    static final OID DOT1Q_VLAN_FDB_ID = new OID("1.3.6.1.2.1.17.7.1.4.2.1.3");
    private static final int MAX_REPETITIONS = 50;
    private static final int MAX_GET = 40;
    /** A full 5130 FDB holds 32k MACs; an agent that goes on past 200,000 values of one table is looping. */
    static final int MAX_WALK_VALUES = 200_000;

    private final SnmpEndpoint endpoint;
    private final Snmp snmp;
    private final Target<Address> target;
    private final boolean v3;
    private int requests;

    public SnmpLocator(SnmpEndpoint endpoint, SnmpCredentials credentials, Duration timeout, int retries) {
        this.endpoint = endpoint;
        try {
            MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
            dispatcher.addMessageProcessingModel(new MPv2c());
            SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.none);
            protocols.addAuthenticationProtocol(new AuthSHA());
            protocols.addPrivacyProtocol(new PrivAES128());
            byte[] engineId = MPv3.createLocalEngineID();
            USM usm = new USM(protocols, new OctetString(engineId), 0);
            SecurityModels models = new SecurityModels();
            models.addSecurityModel(usm);
            dispatcher.addMessageProcessingModel(new MPv3(engineId, null, protocols, models, CounterSupport.getInstance()));
            this.snmp = new Snmp(dispatcher, new DefaultUdpTransportMapping());
            snmp.listen();
            Address address = GenericAddress.parse("udp:" + endpoint.host() + "/" + endpoint.port());
            if (credentials instanceof SnmpCredentials.V3 u) {
                OctetString user = new OctetString(u.user());
                usm.addUser(user, new UsmUser(user, AuthSHA.ID, new OctetString(new String(u.authPassphrase())),
                        PrivAES128.ID, new OctetString(new String(u.privPassphrase()))));
                UserTarget<Address> t = new UserTarget<>();
                t.setSecurityLevel(SecurityLevel.AUTH_PRIV);
                t.setSecurityName(user);
                t.setVersion(SnmpConstants.version3);
                target = t;
                v3 = true;
            } else {
                CommunityTarget<Address> t = new CommunityTarget<>();
                t.setCommunity(new OctetString(new String(((SnmpCredentials.Community) credentials).name())));
                t.setVersion(SnmpConstants.version2c);
                target = t;
                v3 = false;
            }
            target.setAddress(address);
            target.setTimeout(Math.max(100, timeout.toMillis()));
            target.setRetries(retries);
        } catch (IOException e) {
            throw new SwitchFailure(endpoint.toString(), "cannot open an SNMP socket: " + e.getMessage(), 3);
        }
    }

    /** sysName.0: the switch's own name, what {@code profile test} shows to prove the agent answered. */
    public String sysName() {
        return get(List.of(new OID("1.3.6.1.2.1.1.5.0"))).get(0).getVariable().toString();
    }

    /** sysDescr.0: the model and software release, as the connection test shows it. */
    public String sysDescr() {
        return get(List.of(new OID("1.3.6.1.2.1.1.1.0"))).get(0).getVariable().toString();
    }

    /** How many MACs the switch has learned: rows of the Q-BRIDGE forwarding table, else of the BRIDGE-MIB one. */
    public int learnedMacs() {
        int q = walk(DOT1Q_TP_FDB_PORT).size();
        return q > 0 ? q : walk(DOT1D_TP_FDB_PORT).size();
    }

    public int requests() {
        return requests;
    }

    /** Every place the switch learned {@code mac} (normally one), by Q-BRIDGE, else dot1dTpFdbTable. */
    public List<FdbEntry> locate(Mac mac) {
        long start = System.nanoTime();
        int before = requests;
        List<FdbEntry> found = locateUnlogged(mac);
        LOG.info("snmp locate {} at {}: {} places, {} requests in {} ms", mac, endpoint, found.size(), requests - before,
                millisSince(start));
        return found;
    }

    private List<FdbEntry> locateUnlogged(Mac mac) {
        OID macSuffix = macOid(mac);
        Map<Integer, Integer> fdbToVlan = fdbIdsToVlans();
        List<int[]> hits = new ArrayList<>(); // {vlan or -1, bridge port}
        List<Integer> fdbIds = new ArrayList<>(fdbToVlan.keySet());
        for (int i = 0; i < fdbIds.size(); i += MAX_GET) {
            List<OID> oids = new ArrayList<>();
            for (Integer fdb : fdbIds.subList(i, Math.min(fdbIds.size(), i + MAX_GET))) {
                oids.add(append(DOT1Q_TP_FDB_PORT, new OID(new int[] {fdb}), macSuffix));
            }
            for (VariableBinding vb : get(oids)) {
                if (!vb.isException() && vb.getVariable().toInt() > 0) {
                    int fdb = vb.getOid().get(DOT1Q_TP_FDB_PORT.size());
                    hits.add(new int[] {fdbToVlan.get(fdb), vb.getVariable().toInt()});
                }
            }
        }
        String source = "dot1qTpFdbPort";
        if (hits.isEmpty()) {
            VariableBinding vb = get(List.of(append(DOT1D_TP_FDB_PORT, macSuffix))).get(0);
            if (!vb.isException() && vb.getVariable().toInt() > 0) {
                hits.add(new int[] {-1, vb.getVariable().toInt()});
                source = "dot1dTpFdbPort";
            }
        }
        return resolve(mac, hits, source);
    }

    private List<FdbEntry> resolve(Mac mac, List<int[]> hits, String source) {
        if (hits.isEmpty()) {
            return List.of();
        }
        List<OID> basePorts = hits.stream().map(h -> append(DOT1D_BASE_PORT_IFINDEX, new OID(new int[] {h[1]}))).toList();
        List<VariableBinding> ifIndexes = get(basePorts);
        List<Integer> ifIndex = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            VariableBinding vb = ifIndexes.get(i);
            ifIndex.add(vb.isException() ? hits.get(i)[1] : vb.getVariable().toInt());
        }
        List<VariableBinding> names = get(ifIndex.stream().map(x -> append(IF_NAME, new OID(new int[] {x}))).toList());
        List<FdbEntry> out = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            VariableBinding n = names.get(i);
            int vlan = hits.get(i)[0];
            out.add(new FdbEntry(mac, vlan < 0 ? null : vlan, hits.get(i)[1], ifIndex.get(i),
                    n.isException() ? null : n.getVariable().toString(), source));
        }
        return out;
    }

    /** Every MAC learned on the port named {@code ifName} (long form, e.g. GigabitEthernet1/0/3). */
    public List<FdbEntry> macsOn(InterfaceName port) {
        Map<Integer, String> ifNames = new TreeMap<>();
        walk(IF_NAME).forEach(vb -> ifNames.put(vb.getOid().last(), vb.getVariable().toString()));
        Integer ifIndex = ifNames.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(port.toString()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (ifIndex == null) {
            throw new SwitchFailure(endpoint.toString(), "the switch has no interface named " + port, 1);
        }
        Map<Integer, Integer> bridgeToIf = new TreeMap<>();
        walk(DOT1D_BASE_PORT_IFINDEX).forEach(vb -> bridgeToIf.put(vb.getOid().last(), vb.getVariable().toInt()));
        Map<Integer, Integer> fdbToVlan = fdbIdsToVlans();
        List<FdbEntry> out = new ArrayList<>();
        String name = ifNames.get(ifIndex);
        for (VariableBinding vb : walk(DOT1Q_TP_FDB_PORT)) {
            int[] sub = vb.getOid().getValue();
            int base = DOT1Q_TP_FDB_PORT.size();
            if (sub.length != base + 7) {
                continue;
            }
            int bridgePort = vb.getVariable().toInt();
            if (bridgeToIf.getOrDefault(bridgePort, bridgePort).equals(ifIndex)) {
                out.add(new FdbEntry(macOf(sub, base + 1), fdbToVlan.getOrDefault(sub[base], sub[base]), bridgePort, ifIndex, name,
                        "dot1qTpFdbPort"));
            }
        }
        if (out.isEmpty()) {
            for (VariableBinding vb : walk(DOT1D_TP_FDB_PORT)) {
                int[] sub = vb.getOid().getValue();
                int base = DOT1D_TP_FDB_PORT.size();
                int bridgePort = vb.getVariable().toInt();
                if (sub.length == base + 6 && bridgeToIf.getOrDefault(bridgePort, bridgePort).equals(ifIndex)) {
                    out.add(new FdbEntry(macOf(sub, base), null, bridgePort, ifIndex, name, "dot1dTpFdbPort"));
                }
            }
        }
        return out;
    }

    /** VLAN id → name (dot1qVlanStaticName). */
    public Map<Integer, String> vlanNames() {
        Map<Integer, String> names = new TreeMap<>();
        walk(DOT1Q_VLAN_STATIC_NAME).forEach(vb -> names.put(vb.getOid().last(), vb.getVariable().toString()));
        return names;
    }

    /** fdbId → VLAN from dot1qVlanFdbId; when a switch does not publish it (Comware), fdbId = VLAN id. */
    private Map<Integer, Integer> fdbIdsToVlans() {
        Map<Integer, Integer> map = new LinkedHashMap<>();
        for (VariableBinding vb : walk(DOT1Q_VLAN_FDB_ID)) {
            map.put(vb.getVariable().toInt(), vb.getOid().last());
        }
        if (map.isEmpty()) {
            for (Integer vlan : vlanNames().keySet()) {
                map.put(vlan, vlan);
            }
        }
        return map;
    }

    /** A GETBULK walk of one subtree, logged at INFO (endpoint, OID, rows, ms, outcome; never the community). */
    List<VariableBinding> walk(OID root) {
        long start = System.nanoTime();
        int before = requests;
        try {
            List<VariableBinding> rows = walkUnlogged(root);
            LOG.info("snmp walk {} at {}: {} rows, {} requests in {} ms", root, endpoint, rows.size(), requests - before,
                    millisSince(start));
            return rows;
        } catch (SwitchFailure e) {
            LOG.info("snmp walk {} at {}: failed ({}) after {} requests in {} ms", root, endpoint, e.getMessage(), requests - before,
                    millisSince(start));
            throw e;
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private List<VariableBinding> walkUnlogged(OID root) {
        List<VariableBinding> out = new ArrayList<>();
        OID next = root;
        while (true) {
            PDU pdu = pdu(PDU.GETBULK);
            pdu.setMaxRepetitions(MAX_REPETITIONS);
            pdu.setNonRepeaters(0);
            pdu.add(new VariableBinding(next));
            PDU response = send(pdu);
            if (response.size() == 0) {
                return out;
            }
            for (VariableBinding vb : response.getVariableBindings()) {
                if (vb.isException() || !vb.getOid().startsWith(root) || vb.getOid().compareTo(next) <= 0) {
                    return out;
                }
                if (out.size() >= MAX_WALK_VALUES) {
                    throw new SwitchFailure(endpoint.toString(), "the SNMP agent keeps answering under " + root + ": more than "
                            + MAX_WALK_VALUES + " values; stopped reading", 1);
                }
                out.add(vb);
                next = vb.getOid();
            }
        }
    }

    List<VariableBinding> get(List<OID> oids) {
        LOG.debug("snmp get of {} OIDs at {} (first {})", oids.size(), endpoint, oids.isEmpty() ? "-" : oids.get(0));
        PDU pdu = pdu(PDU.GET);
        oids.forEach(o -> pdu.add(new VariableBinding(o)));
        List<VariableBinding> vbs = new ArrayList<>(send(pdu).getVariableBindings());
        if (vbs.size() != oids.size()) {
            throw new SwitchFailure(endpoint.toString(), "the SNMP agent answered " + vbs.size() + " values for " + oids.size(), 1);
        }
        return vbs;
    }

    private PDU pdu(int type) {
        PDU pdu = v3 ? new ScopedPDU() : new PDU();
        pdu.setType(type);
        return pdu;
    }

    private PDU send(PDU pdu) {
        ResponseEvent<Address> ev;
        try {
            requests++;
            ev = snmp.send(pdu, target);
        } catch (IOException e) {
            throw new SwitchFailure(endpoint.toString(), "SNMP request failed: " + e.getMessage(), 3);
        }
        PDU response = ev == null ? null : ev.getResponse();
        if (response == null) {
            throw new SwitchFailure(endpoint.toString(), "no SNMP answer within " + target.getTimeout() * (target.getRetries() + 1) / 1000.0
                    + " s (wrong " + (v3 ? "SNMPv3 user or passphrases" : "community") + ", or no agent there)", 3);
        }
        if (response.getType() == PDU.REPORT) {
            throw new SwitchFailure(endpoint.toString(), "the SNMP agent refused the request (SNMPv3 report "
                    + (response.size() > 0 ? response.get(0).getOid() : "") + ": unknown user or wrong passphrases)", 1);
        }
        if (response.getErrorStatus() != PDU.noError) {
            throw new SwitchFailure(endpoint.toString(), "SNMP error: " + response.getErrorStatusText(), 1);
        }
        return response;
    }

    static OID macOid(Mac mac) {
        int[] sub = new int[6];
        long v = mac.value();
        for (int i = 5; i >= 0; i--) {
            sub[i] = (int) (v & 0xFF);
            v >>>= 8;
        }
        return new OID(sub);
    }

    private static Mac macOf(int[] sub, int from) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (sub[from + i] & 0xFF);
        }
        return new Mac(v);
    }

    private static OID append(OID... parts) {
        OID o = new OID();
        for (OID p : parts) {
            o.append(p);
        }
        return o;
    }

    @Override
    public void close() {
        try {
            snmp.close();
        } catch (IOException ignored) {
            // nothing to save
        }
    }
}
