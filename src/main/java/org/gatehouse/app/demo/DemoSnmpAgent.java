package org.gatehouse.app.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * A read-only SNMPv2c agent on 127.0.0.1 for the demo switch: GET, GETNEXT and GETBULK over the
 * bridge and Q-BRIDGE tables Gatehouse reads (ifName, dot1dBasePortIfIndex, dot1qTpFdbPort indexed
 * by VLAN and MAC, dot1qVlanStaticName), laid out as a real Comware 7 agent publishes them
 * (fdbId = VLAN id, bridge port ≠ ifIndex, VLAN names "VLAN 0040"). A wrong community gets no
 * answer at all, as on a real switch.
 */
final class DemoSnmpAgent implements CommandResponder, AutoCloseable {
    static final OID SYS_DESCR = new OID("1.3.6.1.2.1.1.1.0");
    static final OID SYS_NAME = new OID("1.3.6.1.2.1.1.5.0");
    static final OID IF_NAME = new OID("1.3.6.1.2.1.31.1.1.1.1");
    static final OID DOT1D_BASE_PORT_IFINDEX = new OID("1.3.6.1.2.1.17.1.4.1.2");
    static final OID DOT1Q_TP_FDB_PORT = new OID("1.3.6.1.2.1.17.7.1.2.2.1.2");
    static final OID DOT1Q_VLAN_STATIC_NAME = new OID("1.3.6.1.2.1.17.7.1.4.3.1.1");
    private static final int MAX_BULK = 60;

    private final NavigableMap<OID, Variable> mib = new TreeMap<>();
    private final byte[] community;
    private final Snmp snmp;
    private final int port;

    DemoSnmpAgent(DemoNetwork network, String community) throws IOException {
        this.community = community.getBytes(StandardCharsets.UTF_8);
        fill(network);
        DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(new UdpAddress("127.0.0.1/0"));
        snmp = new Snmp(transport);
        snmp.addCommandResponder(this);
        snmp.listen();
        port = ((UdpAddress) transport.getListenAddress()).getPort();
    }

    int port() {
        return port;
    }

    private void fill(DemoNetwork network) {
        mib.put(SYS_DESCR, new OctetString("Gatehouse demo switch: a simulated HPE 5130 24G 4SFP+ EI (Comware 7)"));
        mib.put(SYS_NAME, new OctetString(ComwareDemoShell.SYSNAME));
        put(IF_NAME, 1, new OctetString("M-GigabitEthernet0/0/0"));
        put(IF_NAME, 2, new OctetString("NULL0"));
        put(IF_NAME, 3, new OctetString("InLoopBack0"));
        for (int p = 1; p <= DemoNetwork.portCount(); p++) {
            put(IF_NAME, DemoNetwork.ifIndex(p), new OctetString(DemoNetwork.portName(p)));
            put(DOT1D_BASE_PORT_IFINDEX, p, new Integer32(DemoNetwork.ifIndex(p)));
        }
        put(DOT1Q_VLAN_STATIC_NAME, 1, new OctetString("VLAN 0001"));
        for (int vlan : network.vlans()) {
            put(DOT1Q_VLAN_STATIC_NAME, vlan, new OctetString(String.format("VLAN %04d", vlan)));
        }
        for (DemoNetwork.Learned l : network.learned()) {
            OID oid = new OID(DOT1Q_TP_FDB_PORT).append(l.vlan());
            long mac = l.mac().value();
            for (int shift = 40; shift >= 0; shift -= 8) {
                oid.append((int) ((mac >>> shift) & 0xFF));
            }
            mib.put(oid, new Integer32(l.port()));
        }
    }

    private void put(OID table, int index, Variable value) {
        mib.put(new OID(table).append(index), value);
    }

    @Override
    public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> event) {
        PDU request = event.getPDU();
        if (request == null || event.getSecurityModel() != SecurityModel.SECURITY_MODEL_SNMPv2c
                || !MessageDigest.isEqual(community, event.getSecurityName())) {
            return; // no answer: a client with the wrong community times out
        }
        PDU response = new PDU();
        response.setType(PDU.RESPONSE);
        response.setRequestID(request.getRequestID());
        List<? extends VariableBinding> vbs = request.getVariableBindings();
        switch (request.getType()) {
            case PDU.GET -> vbs.forEach(vb -> response.add(new VariableBinding(vb.getOid(),
                    mib.getOrDefault(vb.getOid(), Null.noSuchInstance))));
            case PDU.GETNEXT -> vbs.forEach(vb -> response.add(next(vb.getOid())));
            case PDU.GETBULK -> bulk(request, response);
            default -> {
                response.setErrorStatus(SnmpConstants.SNMP_ERROR_READ_ONLY);
                response.setErrorIndex(1);
            }
        }
        event.setProcessed(true);
        try {
            event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(), event.getSecurityModel(),
                    event.getSecurityName(), event.getSecurityLevel(), response, event.getMaxSizeResponsePDU(),
                    event.getStateReference(), new StatusInformation());
        } catch (MessageException e) {
            // the client has gone; nothing to do for a demo
        }
    }

    private void bulk(PDU request, PDU response) {
        List<? extends VariableBinding> vbs = request.getVariableBindings();
        int nonRepeaters = Math.max(0, Math.min(request.getNonRepeaters(), vbs.size()));
        for (int i = 0; i < nonRepeaters; i++) {
            response.add(next(vbs.get(i).getOid()));
        }
        int repetitions = Math.max(0, Math.min(request.getMaxRepetitions(), MAX_BULK));
        for (int i = nonRepeaters; i < vbs.size(); i++) {
            OID at = vbs.get(i).getOid();
            for (int r = 0; r < repetitions; r++) {
                VariableBinding vb = next(at);
                response.add(vb);
                if (vb.isException()) {
                    break;
                }
                at = vb.getOid();
            }
        }
    }

    private VariableBinding next(OID after) {
        Map.Entry<OID, Variable> e = mib.higherEntry(after);
        return e == null ? new VariableBinding(after, Null.endOfMibView) : new VariableBinding(e.getKey(), e.getValue());
    }

    @Override
    public void close() {
        try {
            snmp.close();
        } catch (IOException e) {
            // closing a UDP socket: nothing to recover
        }
    }
}
