package io.switchboard.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The per-address table: its answers, and that it forgets what it need not keep (bounded). */
class AddressLimitsTest {

    private static InetAddress address(int i) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i});
    }

    @Test
    void theCapCountsOpenConnectionsPerAddress() throws Exception {
        AddressLimits limits = new AddressLimits(2, 0);
        assertThat(limits.open(address(1))).isNull();
        assertThat(limits.open(address(1))).isNull();
        assertThat(limits.open(address(1))).isEqualTo(CloseReason.TOO_MANY_LINES_FROM_ADDRESS);
        assertThat(limits.open(address(2))).as("another address").isNull();
        limits.closed(address(1));
        assertThat(limits.open(address(1))).isNull();
        limits.closed(address(1));
        limits.closed(address(1));
        limits.closed(address(2));
        assertThat(limits.size()).as("nothing to remember once all closed").isZero();
    }

    @Test
    void anAddressIsRememberedWhileItsBucketIsNotFullAgain() throws Exception {
        AddressLimits limits = new AddressLimits(0, 1); // burst 2, one token a second
        assertThat(limits.open(address(1))).isNull();
        assertThat(limits.tryInput(address(1))).isTrue();
        assertThat(limits.tryInput(address(1))).isFalse();
        limits.closed(address(1));
        assertThat(limits.size()).isEqualTo(1);
        assertThat(limits.open(address(1))).isEqualTo(CloseReason.ADDRESS_RATE_EXCEEDED);
    }

    @Test
    void theTableStaysBoundedUnderManyAddresses() throws Exception {
        AddressLimits limits = new AddressLimits(10, 1_000_000);
        for (int i = 0; i < 20_000; i++) {
            assertThat(limits.open(address(i))).isNull();
            limits.closed(address(i));
        }
        assertThat(limits.size()).isLessThan(2_100);
    }
}
