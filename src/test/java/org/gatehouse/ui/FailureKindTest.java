package org.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.gatehouse.kea.KeaConflict;
import org.gatehouse.kea.KeaRefused;
import org.gatehouse.kea.KeaUnreachable;
import org.gatehouse.kea.KeaWriteBusy;
import org.gatehouse.kea.ReservationConflict;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.Failure;
import org.gatehouse.ssh.SshFailure;
import org.gatehouse.sw.SwitchFailure;
import org.junit.jupiter.api.Test;

/** Each typed failure the services throw leads the screens to the offer the CLI contract implies. */
class FailureKindTest {
    @Test
    void unreachableKeaOrSwitchOffersRetryOrQueue() {
        assertThat(FailureKind.of(new KeaUnreachable("/run/kea/kea4-ctrl-socket", "connection refused", null))).isEqualTo(FailureKind.UNREACHABLE);
        assertThat(FailureKind.of(new SwitchFailure("127.0.0.1:2222", "no route", 3))).isEqualTo(FailureKind.UNREACHABLE);
    }

    @Test
    void someoneElsesChangeIsAConflict() {
        assertThat(FailureKind.of(new ReservationConflict("the reservation of 02:00:00:00:00:01 changed meanwhile — Zoë's laptop")))
                .isEqualTo(FailureKind.CONFLICT);
        assertThat(FailureKind.of(new KeaConflict("reservation-add", "Host already exists"))).isEqualTo(FailureKind.CONFLICT);
    }

    @Test
    void eachErrorDeclaresItsKindAndTheCliExitCodeFollowsFromIt() {
        assertThat(new SshFailure("127.0.0.1:2222", "connection refused", 3, null).failure()).isEqualTo(Failure.UNREACHABLE);
        assertThat(FailureKind.of(new SshFailure("127.0.0.1:2222", "login refused", 1, null))).isEqualTo(FailureKind.REFUSED);
        assertThat(FailureKind.of(new KeaWriteBusy("another Gatehouse holds Kea's write lock"))).isEqualTo(FailureKind.CONFLICT);
        for (Failure f : Failure.values()) {
            assertThat(Failure.ofExitCode(f.exitCode())).isEqualTo(f);
        }
        assertThat(new KeaUnreachable("/run/kea/kea4-ctrl-socket", "gone", null).exitCode()).isEqualTo(3);
        assertThat(new BadInput("mac", "x").exitCode()).isEqualTo(2);
    }

    @Test
    void badInputAndRefusalsAreToldApart() {
        assertThat(FailureKind.of(new BadInput("mac", "not a MAC: 02:00:zz"))).isEqualTo(FailureKind.BAD_INPUT);
        assertThat(FailureKind.of(new KeaRefused("lease4-del", 1, "no such lease"))).isEqualTo(FailureKind.REFUSED);
        assertThat(FailureKind.of(new IllegalStateException("bug"))).isEqualTo(FailureKind.REFUSED);
    }
}
