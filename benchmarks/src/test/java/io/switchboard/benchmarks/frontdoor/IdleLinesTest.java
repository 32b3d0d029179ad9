package io.switchboard.benchmarks.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.benchmarks.floor.BroadcastFloor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The instrument: idle tcp users on the broadcast floor over real loopback sockets count exactly the expected
 * message, byte for byte, and everything else as unexpected; whether their loop sleeps as soon as it is idle or
 * polls first.
 */
class IdleLinesTest {

    private static final int USERS = 300;
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @ParameterizedTest(name = "polling {0} us before sleeping")
    @ValueSource(ints = {0, FrontDoorSettings.DEFAULT_USERS_POLL_MICROS})
    void everyUserCountsTheExpectedMessageOnceAndAnythingElseAsUnexpected(int pollMicros) throws Exception {
        try (BroadcastFloor floor = BroadcastFloor.start("127.0.0.1", 0, 0, 1);
                Socket control = new Socket();
                IdleLines users = new IdleLines(UsersTransport.choose("auto"), pollMicros, UsersProtocol.TCP, 1)) {
            control.connect(new InetSocketAddress("127.0.0.1", floor.controlPort()), 10_000);
            control.setSoTimeout(10_000);
            BufferedReader answers =
                    new BufferedReader(new InputStreamReader(control.getInputStream(), StandardCharsets.UTF_8));
            users.open(floor.usersPort(), USERS, DEADLINE);
            Loopback.awaitCount("users held by the floor", floor::users, USERS, DEADLINE);

            users.expect("round 7 — ü");
            control.getOutputStream().write("broadcast round 7 — ü\n".getBytes(StandardCharsets.UTF_8));
            assertThat(answers.readLine()).isEqualTo("sent " + USERS);
            assertThat(users.awaitArrivals(USERS, DEADLINE)).isPositive();
            assertThat(users.arrived()).isEqualTo(USERS);
            assertThat(users.unexpected()).isZero();

            users.expect("round 8");
            control.getOutputStream().write("broadcast round 8x\n".getBytes(StandardCharsets.UTF_8));
            assertThat(answers.readLine()).isEqualTo("sent " + USERS);
            Loopback.awaitCount("unexpected messages", users::unexpected, USERS, DEADLINE);
            assertThat(users.arrived()).isZero();
            assertThat(users.awaitArrivals(1, Duration.ofMillis(50))).isEqualTo(-1);
            assertThat(users.open()).isEqualTo(USERS);
        }
    }
}
