package io.switchboard.jca.rar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * switchboard.rar in a container that gives it nothing but the JDK and the Jakarta Connectors API (no IronJacamar,
 * no Jackson, no SLF4J), as GlassFish does: in a class loader over the archive's own jars, every class its ra.xml
 * names loads from the archive, the adapter starts with ra.xml's defaults and a connection factory calls a real
 * server. The connection definition implements the archive's own copy of IronJacamar's statistics SPI there.
 */
class JakartaEeOnlyRarIT {

    private static final String RA_XML = "META-INF/ra.xml";
    private static final String STATISTICS = "org.jboss.jca.core.spi.statistics.Statistics";
    private static final String FACTORY = "io.switchboard.jca.adapter.SwitchboardManagedConnectionFactory";
    /** Declared by annotation (@Activation), which the container merges with ra.xml. */
    private static final String ACTIVATION_SPEC = "io.switchboard.jca.adapter.inbound.SwitchboardActivationSpec";

    /** The ra.xml elements that name a class, in the order a container needs them. */
    private static final List<String> CLASS_TAGS = List.of(
            "resourceadapter-class",
            "managedconnectionfactory-class",
            "connectionfactory-interface",
            "connectionfactory-impl-class",
            "connection-interface",
            "connection-impl-class");

    /** Third-party types the archive uses; none may come from the container. */
    private static final List<String> NOT_FROM_THE_CONTAINER = List.of(
            STATISTICS,
            "com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.core.JsonFactory",
            "org.slf4j.LoggerFactory",
            "io.netty.channel.Channel");

    private static Map<String, byte[]> rar;
    private static EchoServer server;

    @TempDir
    static Path unpacked;

    @BeforeAll
    static void read() throws Exception {
        rar = entries(Files.readAllBytes(Path.of(System.getProperty("switchboard.rar"))));
        server = EchoServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyClassItsRaXmlNamesLoadsAndCallsAServerWithOnlyTheJakartaApis() throws Exception {
        Document ra = raXml(rar);
        try (URLClassLoader container = containerLoader();
                URLClassLoader adapter = adapterLoader(rar, container, "switchboard")) {
            for (String type : NOT_FROM_THE_CONTAINER) {
                assertThatThrownBy(() -> Class.forName(type, false, container))
                        .as(type)
                        .isInstanceOf(ClassNotFoundException.class);
            }
            assertThat(Class.forName(STATISTICS, false, adapter).getClassLoader())
                    .as("the archive's copy of IronJacamar's statistics SPI")
                    .isSameAs(adapter);
            Map<String, Class<?>> named = new LinkedHashMap<>();
            for (String tag : CLASS_TAGS) {
                Class<?> c = Class.forName(text(ra.getDocumentElement(), tag), true, adapter);
                assertThat(c.getClassLoader())
                        .as(tag + " from the archive's jars")
                        .isSameAs(adapter);
                named.put(tag, c);
            }
            assertThat(named.get("managedconnectionfactory-class").getName()).isEqualTo(FACTORY);
            assertThat(Class.forName(STATISTICS, false, adapter))
                    .isAssignableFrom(named.get("managedconnectionfactory-class"));
            Class<?> spec = Class.forName(ACTIVATION_SPEC, true, adapter);
            List<Class<?>> listeners = messageListeners(spec, container);
            assertThat(listeners)
                    .extracting(Class::getName)
                    .containsExactlyInAnyOrder(
                            "io.switchboard.jca.api.inbound.SessionListener",
                            "io.switchboard.jca.api.inbound.CallMethods",
                            "io.switchboard.jca.api.frontdoor.LineListener");
            assertThat(spec.getClassLoader()).isSameAs(adapter);
            assertThat(listeners)
                    .allSatisfy(listener -> assertThat(listener.getClassLoader())
                            .as(listener.getName())
                            .isSameAs(adapter));

            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(adapter); // as a container does while it calls the adapter
            // The bundled client logs through the archive's relocated SLF4J, which must reach java.util.logging
            // (every server's logging sees that) under the relocated client's category.
            java.util.logging.Logger shaded = java.util.logging.Logger.getLogger("io.switchboard.jca.shaded");
            List<java.util.logging.LogRecord> logged = new CopyOnWriteArrayList<>();
            java.util.logging.Handler recorder = new java.util.logging.Handler() {
                @Override
                public void publish(java.util.logging.LogRecord record) {
                    logged.add(record);
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };
            java.util.logging.Level level = shaded.getLevel();
            shaded.setLevel(java.util.logging.Level.FINE);
            shaded.addHandler(recorder);
            try {
                startAndCall(ra, named, spec, container);
            } finally {
                shaded.removeHandler(recorder);
                shaded.setLevel(level);
                thread.setContextClassLoader(previous);
            }
            assertThat(logged)
                    .extracting(java.util.logging.LogRecord::getLoggerName)
                    .anyMatch(name -> name.startsWith("io.switchboard.jca.shaded.client."));
        }
    }

    /** What a container does with the classes: configure them from ra.xml, start the adapter, connect, call. */
    private static void startAndCall(Document ra, Map<String, Class<?>> named, Class<?> spec, ClassLoader container)
            throws Exception {
        Class<?> resourceAdapter = container.loadClass("jakarta.resource.spi.ResourceAdapter");
        Class<?> bootstrapContext = container.loadClass("jakarta.resource.spi.BootstrapContext");
        Class<?> association = container.loadClass("jakarta.resource.spi.ResourceAdapterAssociation");
        Class<?> managedFactory = container.loadClass("jakarta.resource.spi.ManagedConnectionFactory");
        Class<?> connectionManager = container.loadClass("jakarta.resource.spi.ConnectionManager");
        Class<?> activationSpec = container.loadClass("jakarta.resource.spi.ActivationSpec");

        Object adapter = named.get("resourceadapter-class").getConstructor().newInstance();
        configure(adapter, element(ra.getDocumentElement(), "resourceadapter"));
        io.netty.util.ResourceLeakDetector.Level applicationsLevel = io.netty.util.ResourceLeakDetector.getLevel();
        resourceAdapter
                .getMethod("start", bootstrapContext)
                .invoke(adapter, bootstrapContext(bootstrapContext, container));
        assertOwnNettyLeakDetectionOff(adapter.getClass().getClassLoader());
        assertThat(io.netty.util.ResourceLeakDetector.getLevel())
                .as("the Netty outside the archive (an application's) keeps its level")
                .isEqualTo(applicationsLevel);
        List<Object> managedConnections = new CopyOnWriteArrayList<>();
        try {
            Object factory =
                    named.get("managedconnectionfactory-class").getConstructor().newInstance();
            configure(factory, element(ra.getDocumentElement(), "connection-definition"));
            factory.getClass().getMethod("setServerUrls", String.class).invoke(factory, server.url());
            association.getMethod("setResourceAdapter", resourceAdapter).invoke(factory, adapter);

            Object cm = Proxy.newProxyInstance(
                    container, new Class<?>[] {connectionManager}, unpooled(container, managedConnections));
            Object connectionFactory = managedFactory
                    .getMethod("createConnectionFactory", connectionManager)
                    .invoke(factory, cm);
            assertThat(connectionFactory).isInstanceOf(named.get("connectionfactory-impl-class"));
            Class<?> factoryApi = named.get("connectionfactory-interface");
            Object connection = factoryApi.getMethod("getConnection").invoke(connectionFactory);
            assertThat(connection).isInstanceOf(named.get("connection-impl-class"));
            Class<?> connectionApi = named.get("connection-interface");
            Object answer = connectionApi
                    .getMethod("call", String.class, String.class, Object.class, Class.class)
                    .invoke(connection, EchoServer.ALIAS, "echo", "only the Jakarta APIs here", String.class);
            assertThat(answer).isEqualTo("only the Jakarta APIs here");
            connectionApi.getMethod("close").invoke(connection);
            assertThat(managedConnections).hasSize(1);

            Object statistics = factory.getClass().getMethod("statistics").invoke(factory);
            assertThat(statistics.getClass().getMethod("calls").invoke(statistics))
                    .isEqualTo(1L);
            // IronJacamar's view of the same numbers, through the archive's copy of its SPI.
            Object plugin = factory.getClass().getMethod("getStatistics").invoke(factory);
            Class<?> pluginApi = Class.forName(
                    STATISTICS + "Plugin", false, factory.getClass().getClassLoader());
            assertThat((java.util.Set<?>) pluginApi.getMethod("getNames").invoke(plugin))
                    .isNotEmpty();

            // The inbound side's bean: configured as a message-driven bean's activation config would.
            Object activation = spec.getConstructor().newInstance();
            association.getMethod("setResourceAdapter", resourceAdapter).invoke(activation, adapter);
            spec.getMethod("setAlias", String.class).invoke(activation, "portable");
            spec.getMethod("setMethods", String.class).invoke(activation, "echo");
            activationSpec.getMethod("validate").invoke(activation);
        } finally {
            Class<?> managedConnection = container.loadClass("jakarta.resource.spi.ManagedConnection");
            for (Object mc : managedConnections) {
                managedConnection.getMethod("destroy").invoke(mc);
            }
            resourceAdapter.getMethod("stop").invoke(adapter);
        }
    }

    /**
     * The archive's relocated Netty is the adapter's own: started, the adapter turned its leak detector off (about 1 %
     * of an I/O thread at Netty's default level), and only the relocated property name keeps a level an operator
     * chose for it; {@code io.netty.leakDetection.level}, the application's Netty's property, does not reach it.
     */
    private static void assertOwnNettyLeakDetectionOff(ClassLoader archive) throws Exception {
        Class<?> detector = Class.forName("io.switchboard.jca.shaded.netty.util.ResourceLeakDetector", true, archive);
        assertThat(detector.getMethod("getLevel").invoke(null)).hasToString("DISABLED");

        Class<?> defaults = Class.forName("io.switchboard.jca.shaded.protocol.transport.NettyDefaults", true, archive);
        Method apply = defaults.getMethod("apply", java.util.Properties.class);
        Class<?> levels = Class.forName(detector.getName() + "$Level", true, archive);
        Method setLevel = detector.getMethod("setLevel", levels);
        Object paranoid = levels.getMethod("valueOf", String.class).invoke(null, "PARANOID");
        try {
            java.util.Properties relocated = new java.util.Properties();
            relocated.setProperty("io.switchboard.jca.shaded.netty.leakDetection.level", "paranoid");
            setLevel.invoke(null, paranoid); // what the relocated Netty read from that property
            assertThat(apply.invoke(null, relocated)).hasToString("PARANOID");

            java.util.Properties applications = new java.util.Properties();
            applications.setProperty("io.netty.leakDetection.level", "paranoid");
            assertThat(apply.invoke(null, applications)).hasToString("DISABLED");
        } finally {
            setLevel.invoke(null, levels.getMethod("valueOf", String.class).invoke(null, "DISABLED"));
        }
    }

    /**
     * The container's side: the JDK and the Connectors API (with the transaction API it depends on); nothing of
     * IronJacamar, Jackson, SLF4J or Netty. The MANIFEST's only WildFly module, jdk.unsupported, is part of the JDK.
     */
    private static URLClassLoader containerLoader() throws Exception {
        Manifest manifest = new Manifest(new ByteArrayInputStream(rar.get("META-INF/MANIFEST.MF")));
        assertThat(manifest.getMainAttributes().getValue(new Attributes.Name("Dependencies")))
                .isEqualTo("jdk.unsupported");
        List<URL> jars = new ArrayList<>();
        jars.add(jarOf("jakarta.resource.spi.ResourceAdapter", "jakarta.resource-api"));
        // The Connectors API's own dependency (BootstrapContext names its TransactionSynchronizationRegistry).
        jars.add(jarOf("jakarta.transaction.TransactionSynchronizationRegistry", "jakarta.transaction-api"));
        return new URLClassLoader("container", jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static URL jarOf(String className, String expectedJar) throws Exception {
        URL jar = Class.forName(className).getProtectionDomain().getCodeSource().getLocation();
        assertThat(jar.toString()).as(className).endsWith(".jar");
        if (expectedJar != null) {
            assertThat(jar.toString()).as(className).contains(expectedJar);
        }
        return jar;
    }

    /** The archive's own jars, unpacked to files, over the container's loader. */
    private static URLClassLoader adapterLoader(Map<String, byte[]> archive, ClassLoader container, String name)
            throws IOException {
        Path dir = Files.createDirectories(unpacked.resolve(name));
        List<URL> jars = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : archive.entrySet()) {
            if (e.getKey().endsWith(".jar")) {
                Path jar = dir.resolve(e.getKey());
                Files.write(jar, e.getValue());
                jars.add(jar.toUri().toURL());
            }
        }
        assertThat(jars).hasSize(3);
        return new URLClassLoader(name + ".rar", jars.toArray(URL[]::new), container);
    }

    /** The message listener types the activation spec's {@code @Activation} (the container's class) declares. */
    private static List<Class<?>> messageListeners(Class<?> spec, ClassLoader container) throws Exception {
        @SuppressWarnings("unchecked")
        Class<? extends Annotation> activation =
                (Class<? extends Annotation>) container.loadClass("jakarta.resource.spi.Activation");
        Annotation annotation = spec.getAnnotation(activation);
        assertThat(annotation).as("@Activation on " + spec.getName()).isNotNull();
        return Arrays.asList(
                (Class<?>[]) activation.getMethod("messageListeners").invoke(annotation));
    }

    /** Sets each config-property that has a value in ra.xml, through its JavaBean setter, as a container does. */
    private static void configure(Object bean, Element parent) throws Exception {
        int set = 0;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element property && property.getLocalName().equals("config-property")) {
                String value = text(property, "config-property-value");
                if (value == null) {
                    continue;
                }
                String name = text(property, "config-property-name");
                Class<?> type = Class.forName(text(property, "config-property-type"));
                Object typed = type == String.class
                        ? value
                        : type.getMethod("valueOf", String.class).invoke(null, value);
                String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
                bean.getClass().getMethod(setter, type).invoke(bean, typed);
                set++;
            }
        }
        assertThat(set)
                .as("config properties with a default in " + parent.getLocalName())
                .isPositive();
    }

    /** A bootstrap context whose work manager refuses work: this test activates no endpoint. */
    private static Object bootstrapContext(Class<?> bootstrapContext, ClassLoader container) throws Exception {
        Class<?> workManager = container.loadClass("jakarta.resource.spi.work.WorkManager");
        Object work = Proxy.newProxyInstance(container, new Class<?>[] {workManager}, (proxy, method, args) -> {
            throw new UnsupportedOperationException("no work in this test: " + method.getName());
        });
        return Proxy.newProxyInstance(container, new Class<?>[] {bootstrapContext}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "getWorkManager":
                    return work;
                case "isContextSupported":
                    return false;
                default:
                    throw new UnsupportedOperationException("not in this test: " + method.getName());
            }
        });
    }

    /** A connection manager without a pool: a new managed connection per request (kept to destroy them). */
    private static InvocationHandler unpooled(ClassLoader container, List<Object> created) throws Exception {
        Class<?> factory = container.loadClass("jakarta.resource.spi.ManagedConnectionFactory");
        Class<?> info = container.loadClass("jakarta.resource.spi.ConnectionRequestInfo");
        Class<?> managedConnection = container.loadClass("jakarta.resource.spi.ManagedConnection");
        Method create = factory.getMethod("createManagedConnection", javax.security.auth.Subject.class, info);
        Method handle = managedConnection.getMethod("getConnection", javax.security.auth.Subject.class, info);
        return (proxy, method, args) -> {
            if (!method.getName().equals("allocateConnection")) {
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "unpooled connection manager";
                    default -> throw new UnsupportedOperationException(method.getName());
                };
            }
            Object mc = create.invoke(args[0], null, args[1]);
            created.add(mc);
            return handle.invoke(mc, null, args[1]);
        };
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static Document raXml(Map<String, byte[]> archive) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(archive.get(RA_XML)));
    }

    private static Element element(Element parent, String tag) {
        return (Element) parent.getElementsByTagNameNS("*", tag).item(0);
    }

    private static String text(Element parent, String tag) {
        Element e = element(parent, tag);
        return e == null ? null : e.getTextContent().trim();
    }
}
