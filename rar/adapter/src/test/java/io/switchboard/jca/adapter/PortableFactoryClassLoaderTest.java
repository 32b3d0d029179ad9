package io.switchboard.jca.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter where IronJacamar is absent: in a class loader holding the test class path without IronJacamar's
 * jar, the portable connection definition loads, opens a connection to a real server and calls through it, while
 * the WildFly one (which implements IronJacamar's {@code Statistics}) cannot load there, which shows the loader
 * really lacks IronJacamar.
 */
class PortableFactoryClassLoaderTest {

    private TestBed bed;

    @BeforeEach
    void start() throws Exception {
        bed = TestBed.start();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private static URLClassLoader withoutIronJacamar() throws Exception {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        boolean dropped = false;
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.contains("ironjacamar")) {
                dropped = true;
                continue;
            }
            urls.add(new File(entry).toURI().toURL());
        }
        assertThat(dropped)
                .as("IronJacamar's jar on the test class path (" + path + ")")
                .isTrue();
        return new URLClassLoader("no-ironjacamar", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @Test
    void thePortableFactoryWorksWithoutIronJacamar() throws Exception {
        try (URLClassLoader loader = withoutIronJacamar()) {
            assertThatThrownBy(() -> Class.forName("org.jboss.jca.core.spi.statistics.Statistics", true, loader))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> Class.forName(
                            "io.switchboard.jca.adapter.SwitchboardManagedConnectionFactory", true, loader))
                    .isInstanceOf(NoClassDefFoundError.class)
                    .hasMessageContaining("org/jboss/jca/core/spi/statistics/Statistics");

            Class<?> raClass = Class.forName("io.switchboard.jca.adapter.SwitchboardResourceAdapter", true, loader);
            Object ra = raClass.getConstructor().newInstance();
            Class<?> bootstrap = Class.forName("jakarta.resource.spi.BootstrapContext", false, loader);
            raClass.getMethod("start", bootstrap).invoke(ra, (Object) null);
            try {
                Class<?> mcfClass =
                        Class.forName("io.switchboard.jca.adapter.PortableManagedConnectionFactory", true, loader);
                Object mcf = mcfClass.getConstructor().newInstance();
                mcfClass.getMethod("setServerUrls", String.class).invoke(mcf, bed.tcpUrl());
                Class<?> raInterface = Class.forName("jakarta.resource.spi.ResourceAdapter", false, loader);
                mcfClass.getMethod("setResourceAdapter", raInterface).invoke(mcf, ra);

                Class<?> subject = Class.forName("javax.security.auth.Subject", false, loader);
                Class<?> info = Class.forName("jakarta.resource.spi.ConnectionRequestInfo", false, loader);
                Object mc = mcfClass.getMethod("createManagedConnection", subject, info)
                        .invoke(mcf, null, null);
                Method getConnection = mc.getClass().getMethod("getConnection", subject, info);
                Object handle = getConnection.invoke(mc, null, null);
                Class<?> api = Class.forName("io.switchboard.jca.api.SwitchboardConnection", false, loader);
                Object answer = api.getMethod("call", String.class, String.class, Object.class, Class.class)
                        .invoke(handle, TestBed.ALIAS, "echo", "no IronJacamar here", String.class);
                assertThat(answer).isEqualTo("no IronJacamar here");

                Object stats = mcfClass.getMethod("statistics").invoke(mcf);
                assertThat(stats.getClass().getMethod("calls").invoke(stats)).isEqualTo(1L);
                mc.getClass().getMethod("destroy").invoke(mc);
            } finally {
                raClass.getMethod("stop").invoke(ra);
            }
        }
    }
}
