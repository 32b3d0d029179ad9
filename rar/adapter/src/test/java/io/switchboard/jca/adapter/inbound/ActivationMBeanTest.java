package io.switchboard.jca.adapter.inbound;

import static io.switchboard.jca.adapter.inbound.InboundBed.await;
import static io.switchboard.jca.adapter.inbound.InboundBed.listed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.client.CallException;
import io.switchboard.client.SessionInfo;
import io.switchboard.client.SwitchboardClient;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each activation is an MBean {@code io.switchboard:type=Activation,name=<alias>} in the platform MBean server,
 * read here through JMX as jconsole would: its state follows the state machine, calls delivered and failed and
 * reconnects count against a real server, and the MBean goes away with the activation.
 */
class ActivationMBeanTest {

    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();
    private InboundBed bed;

    @BeforeEach
    void resetShop() {
        Shop.running.set(0);
        Shop.mostRunning.set(0);
        Shop.gate = new CountDownLatch(0);
    }

    @AfterEach
    void close() throws Exception {
        if (bed != null) {
            bed.close();
        }
    }

    private static TestEndpointFactory shop() {
        return new TestEndpointFactory(Shop.class, Shop.Endpoint::new);
    }

    private static Object read(ObjectName name, String attribute) {
        try {
            return JMX.getAttribute(name, attribute);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + attribute + " of " + name, e);
        }
    }

    @Test
    void theMBeanShowsStateCallsAndReconnectsAndGoesAwayWithTheActivation() throws Exception {
        bed = InboundBed.start();
        ObjectName name = ActivationMBeans.objectName("mbean-shop");
        TestEndpointFactory shop = shop();
        SwitchboardActivationSpec spec = InboundBed.spec("mbean-shop");
        bed.activate(shop, spec);
        assertThat(JMX.isRegistered(name)).isTrue();
        SwitchboardClient caller = bed.caller("jconsole-fan");
        await("mbean-shop is published", () -> listed(caller, "mbean-shop").isPresent());
        await("the MBean says PUBLISHED", () -> "PUBLISHED".equals(read(name, "State")));
        assertThat(read(name, "Alias")).isEqualTo("mbean-shop");
        assertThat(read(name, "BeanClass")).isEqualTo(Shop.class.getName());
        assertThat(read(name, "ServerUrls")).isEqualTo(bed.url());

        assertThat(caller.call("mbean-shop", "count", 1, Long.class)).isEqualTo(1L);
        assertThat(caller.call("mbean-shop", "count", 2, Long.class)).isEqualTo(2L);
        assertThatThrownBy(() -> caller.call("mbean-shop", "fail", null, Void.class))
                .isInstanceOf(CallException.class);
        assertThat(read(name, "CallsDelivered")).isEqualTo(2L);
        assertThat(read(name, "CallsFailed")).isEqualTo(1L);
        assertThat(read(name, "Reconnects")).isEqualTo(0L);
        assertThat(read(name, "RefusedAtCapacity")).isEqualTo(0L);

        bed.stopServer();
        await("the MBean leaves PUBLISHED", () -> !"PUBLISHED".equals(read(name, "State")));
        bed.startServer();
        await("published again", () -> "PUBLISHED".equals(read(name, "State")));
        assertThat((Long) read(name, "Reconnects")).isGreaterThanOrEqualTo(1L);

        bed.adapter.endpointDeactivation(shop, spec);
        assertThat(JMX.isRegistered(name))
                .as("unregistered with the activation")
                .isFalse();
    }

    @Test
    void aSecondActivationOfTheSameAliasGetsItsOwnName() throws Exception {
        bed = InboundBed.start();
        bed.activate(shop(), InboundBed.spec("twin-shop"));
        bed.activate(shop(), InboundBed.spec("twin-shop"));
        assertThat(JMX.isRegistered(ActivationMBeans.objectName("twin-shop"))).isTrue();
        assertThat(JMX.isRegistered(ActivationMBeans.objectName("twin-shop#2"))).isTrue();
        SwitchboardClient caller = bed.caller("counter");
        await(
                "both publish",
                () -> listed(caller, "twin-shop").map(SessionInfo::publishers).orElse(0) == 2);

        bed.adapter.stop();
        assertThat(JMX.queryNames(new ObjectName("io.switchboard:type=Activation,name=twin-shop*"), null))
                .as("the adapter's stop unregisters every activation")
                .isEmpty();
    }

    @Test
    void namesAreSanitisedAndBounded() {
        assertThat(ActivationMBeans.sanitise("orders.eu-1_b")).isEqualTo("orders.eu-1_b");
        assertThat(ActivationMBeans.sanitise("a,b=c:d\"e*?f g")).isEqualTo("a_b_c_d_e__f_g");
        assertThat(ActivationMBeans.sanitise("x".repeat(500))).hasSize(100);
        assertThat(ActivationMBeans.sanitise("")).isEqualTo("_");
    }
}
