package org.gatehouse.sw;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * An SNMP agent that never ends a table (each GETBULK answer continues with ever larger OIDs under
 * the same root, as a looping agent would) is stopped after {@value SnmpLocator#MAX_WALK_VALUES}
 * values with exit 1, instead of walking until the heap is full. snmpsim cannot play such an agent.
 */
@Tag("switch")
class EndlessSnmpWalkTest {

    /** Answers every GETBULK with the next max-repetitions OIDs after the one asked for: ifName.N+1, N+2, … */
    static final class EndlessAgent implements CommandResponder, AutoCloseable {
        final Snmp snmp;
        final int port;

        EndlessAgent() throws Exception {
            DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(new UdpAddress("127.0.0.1/0"));
            MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
            dispatcher.addMessageProcessingModel(new MPv2c());
            snmp = new Snmp(dispatcher, transport);
            snmp.addCommandResponder(this);
            snmp.listen();
            port = transport.getListenAddress().getPort();
        }

        @Override
        public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> event) {
            PDU request = event.getPDU();
            if (request == null || request.getType() != PDU.GETBULK) {
                return;
            }
            OID from = request.get(0).getOid();
            long last = from.size() > 11 ? from.get(from.size() - 1) & 0xffffffffL : 0;
            PDU response = new PDU();
            response.setType(PDU.RESPONSE);
            response.setRequestID(request.getRequestID());
            for (int i = 1; i <= Math.max(1, request.getMaxRepetitions()); i++) {
                OID oid = new OID("1.3.6.1.2.1.31.1.1.1.1").append((int) (last + i));
                response.add(new VariableBinding(oid, new OctetString("GigabitEthernet1/0/" + ((last + i) % 52 + 1))));
            }
            response.setErrorStatus(0);
            try {
                event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(), event.getSecurityModel(),
                        event.getSecurityName(), event.getSecurityLevel(), response, event.getMaxSizeResponsePDU(),
                        event.getStateReference(), new StatusInformation());
                event.setProcessed(true);
            } catch (org.snmp4j.MessageException e) {
                // the client went away
            }
        }

        @Override
        public void close() throws Exception {
            snmp.close();
        }
    }

    @Test
    void aWalkThatNeverEndsStopsAtTheCapWithExit1() throws Exception {
        try (EndlessAgent agent = new EndlessAgent()) {
            SnmpLocator locator = new SnmpLocator(new SnmpEndpoint("127.0.0.1", agent.port),
                    new SnmpCredentials.Community("public".toCharArray()), Duration.ofSeconds(5), 1);
            try {
                assertThatThrownBy(() -> locator.walk(new OID("1.3.6.1.2.1.31.1.1.1.1")))
                        .isInstanceOfSatisfying(SwitchFailure.class, f -> {
                            assertThat(f.exitCode()).isEqualTo(1);
                            assertThat(f.getMessage()).contains("more than " + SnmpLocator.MAX_WALK_VALUES + " values");
                        });
                assertThat(locator.requests()).isGreaterThanOrEqualTo(SnmpLocator.MAX_WALK_VALUES / 50);
            } finally {
                locator.close();
            }
        }
    }
}
