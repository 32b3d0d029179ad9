package io.switchboard.jca.rar;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.jca.adapter.SwitchboardManagedConnectionFactory;
import io.switchboard.jca.adapter.SwitchboardResourceAdapter;
import io.switchboard.jca.adapter.inbound.SwitchboardActivationSpec;
import io.switchboard.jca.api.frontdoor.LineListener;
import io.switchboard.jca.api.inbound.CallMethods;
import io.switchboard.jca.api.inbound.SessionListener;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ConfigProperty;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The built switchboard.rar, the one archive for every container: exactly the three jars it should carry, only
 * {@code io.switchboard} classes (relocated third-party code included) plus the copied IronJacamar statistics SPI,
 * no service file that names a type outside {@code io.switchboard} (it could hijack an application's Jackson or
 * SLF4J), the MANIFEST asking WildFly for nothing but {@code jdk.unsupported}, every class ra.xml names present,
 * and ra.xml and the activation spec's annotations in step with the JavaBeans they configure.
 */
class RarContentsIT {

    /** Packages that must never appear unrelocated in the archive. */
    private static final List<String> FORBIDDEN = List.of(
            "io/netty/",
            "com/fasterxml/jackson/core/",
            "com/fasterxml/jackson/databind/",
            "com/fasterxml/jackson/annotation/",
            "org/slf4j/",
            "ch/qos/logback/",
            "io/switchboard/client/",
            "io/switchboard/protocol/",
            "META-INF/native/");

    /** The copied IronJacamar statistics SPI: the only classes outside io.switchboard, in a jar of their own. */
    private static final String IRONJACAMAR_SPI = "org/jboss/jca/core/spi/statistics/";

    private static final List<Class<?>> CONFIG_TYPES = List.of(
            String.class,
            Integer.class,
            Long.class,
            Boolean.class,
            Short.class,
            Byte.class,
            Character.class,
            Double.class,
            Float.class);

    /** Entry names per jar in the archive, and the archive's own entries. */
    private static final Map<String, List<String>> JARS = new LinkedHashMap<>();

    private static final Map<String, byte[]> TOP_LEVEL = new HashMap<>();

    /** Every META-INF/services file of every jar: "jar!name" to its content. */
    private static final Map<String, String> SERVICES = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws IOException {
        Path rar = Path.of(System.getProperty("switchboard.rar"));
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(rar))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().endsWith(".jar")) {
                    JARS.put(e.getName(), entries(e.getName(), bytes));
                } else if (!e.isDirectory()) {
                    TOP_LEVEL.put(e.getName(), bytes);
                }
            }
        }
    }

    private static List<String> entries(String jarName, byte[] jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                if (e.getName().startsWith("META-INF/services/") && !e.isDirectory()) {
                    SERVICES.put(
                            jarName + "!" + e.getName(),
                            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return names;
    }

    @Test
    void carriesExactlyTheApiTheShadedAdapterAndTheIronJacamarSpiCopy() {
        String version = System.getProperty("project.version");
        assertThat(JARS.keySet())
                .containsExactlyInAnyOrder(
                        "switchboard-rar-api-" + version + ".jar",
                        "switchboard-rar-adapter-" + version + ".jar",
                        "switchboard-ironjacamar-spi-" + version + ".jar");
        assertThat(TOP_LEVEL.keySet()).contains("META-INF/ra.xml", "META-INF/MANIFEST.MF");
    }

    @Test
    void nothingUnrelocatedAndNoNativeCode() {
        JARS.forEach((jar, names) -> {
            for (String name : names) {
                assertThat(FORBIDDEN).as(jar + " contains " + name).noneMatch(name::startsWith);
                assertThat(name).as(jar).doesNotEndWith(".so");
                if (name.endsWith(".class")) {
                    String home = jar.startsWith("switchboard-ironjacamar-spi-") ? IRONJACAMAR_SPI : "io/switchboard/";
                    assertThat(name).as(jar).startsWith(home);
                }
            }
        });
        List<String> adapter = adapterJar();
        assertThat(adapter)
                .contains(
                        "io/switchboard/jca/shaded/netty/channel/nio/NioIoHandler.class",
                        "io/switchboard/jca/shaded/client/SwitchboardClient.class",
                        "io/switchboard/jca/shaded/protocol/Codec.class",
                        "io/switchboard/jca/shaded/jackson/databind/ObjectMapper.class",
                        "io/switchboard/jca/shaded/jackson/dataformat/cbor/CBORFactory.class",
                        "io/switchboard/jca/shaded/jackson/dataformat/smile/SmileFactory.class",
                        "io/switchboard/jca/shaded/slf4j/LoggerFactory.class",
                        "io/switchboard/jca/shaded/slf4j/jul/JULServiceProvider.class");
        assertThat(JARS.get("switchboard-ironjacamar-spi-" + System.getProperty("project.version") + ".jar"))
                .filteredOn(name -> name.endsWith(".class"))
                .containsExactlyInAnyOrder(
                        IRONJACAMAR_SPI + "Statistics.class", IRONJACAMAR_SPI + "StatisticsPlugin.class");
        // The portable connection definition (for containers without IronJacamar) next to WildFly's subclass.
        assertThat(adapter)
                .contains(
                        "io/switchboard/jca/adapter/PortableManagedConnectionFactory.class",
                        "io/switchboard/jca/adapter/SwitchboardManagedConnectionFactory.class",
                        "io/switchboard/jca/adapter/OutboundStatisticsPlugin.class");
    }

    @Test
    void everyServiceFileNamesOnlyRelocatedTypes() {
        assertThat(SERVICES)
                .as("the relocated SLF4J finds its java.util.logging provider")
                .containsKey("switchboard-rar-adapter-" + System.getProperty("project.version")
                        + ".jar!META-INF/services/io.switchboard.jca.shaded.slf4j.spi.SLF4JServiceProvider");
        SERVICES.forEach((file, content) -> {
            String service = file.substring(file.indexOf("META-INF/services/") + "META-INF/services/".length());
            assertThat(service).as(file).startsWith("io.switchboard.");
            content.lines()
                    .map(line -> line.replaceFirst("#.*", "").trim())
                    .filter(line -> !line.isEmpty())
                    .forEach(provider -> assertThat(provider).as(file).startsWith("io.switchboard."));
        });
    }

    @Test
    void everyClassRaXmlNamesIsInTheArchive() throws Exception {
        Document ra = raXml();
        List<String> named = new ArrayList<>();
        for (String tag : List.of(
                "resourceadapter-class",
                "managedconnectionfactory-class",
                "connectionfactory-interface",
                "connectionfactory-impl-class",
                "connection-interface",
                "connection-impl-class")) {
            NodeList nodes = ra.getElementsByTagName(tag);
            assertThat(nodes.getLength()).as(tag).isEqualTo(1);
            named.add(nodes.item(0).getTextContent().trim().replace('.', '/') + ".class");
        }
        List<String> all = JARS.values().stream().flatMap(List::stream).toList();
        assertThat(all).containsAll(named);
        assertThat(ra.getElementsByTagName("transaction-support").item(0).getTextContent())
                .as("the most the adapter supports; deployments name their own level")
                .isEqualTo("XATransaction");
    }

    @Test
    void raXmlDescribesEveryConfigPropertyWithTheBeansOwnDefault() throws Exception {
        Document ra = raXml();
        Element definition =
                (Element) ra.getElementsByTagName("connection-definition").item(0);
        List<String> tls = List.of(
                "tlsTrustCertificates",
                "tlsTrustStore",
                "tlsTrustStorePassword",
                "tlsTrustStoreType",
                "tlsKeyStore",
                "tlsKeyStorePassword",
                "tlsKeyStoreType",
                "tlsHostnameVerification");
        List<String> withoutDefault = new java.util.ArrayList<>(List.of("userName", "password"));
        withoutDefault.addAll(tls);
        assertConfigProperties(
                definition, new SwitchboardManagedConnectionFactory(), withoutDefault.toArray(String[]::new));
        NodeList names = definition.getElementsByTagName("config-property-name");
        for (int i = 0; i < names.getLength(); i++) {
            Element property = (Element) names.item(i).getParentNode();
            boolean confidential = "true".equals(text(property, "config-property-confidential"));
            assertThat(confidential)
                    .as(names.item(i).getTextContent() + " is masked in the console")
                    .isEqualTo(SECRETS.contains(names.item(i).getTextContent()));
        }
        Element adapter = (Element) ra.getElementsByTagName("resourceadapter").item(0);
        assertConfigProperties(adapter, new SwitchboardResourceAdapter(), tls.toArray(String[]::new));
    }

    /** The config properties that hold secrets: confidential, so the console masks them. */
    private static final java.util.Set<String> SECRETS =
            java.util.Set.of("password", "tlsTrustStorePassword", "tlsKeyStorePassword");

    /** Each JavaBean property has exactly one config-property of its type, described, with the bean's default. */
    private static void assertConfigProperties(Element parent, Object bean, String... withoutDefault) throws Exception {
        Map<String, Element> declared = new HashMap<>();
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals("config-property")) {
                declared.put(text(e, "config-property-name"), e);
            }
        }
        Map<String, PropertyDescriptor> properties = configProperties(bean);
        assertThat(declared.keySet()).as(bean.getClass().getSimpleName()).isEqualTo(properties.keySet());
        for (PropertyDescriptor p : properties.values()) {
            Element e = declared.get(p.getName());
            assertThat(text(e, "config-property-type"))
                    .as(p.getName())
                    .isEqualTo(p.getPropertyType().getName());
            assertThat(text(e, "description")).as(p.getName()).isNotBlank();
            Object beanDefault = p.getReadMethod().invoke(bean);
            if (List.of(withoutDefault).contains(p.getName())) {
                assertThat(e.getElementsByTagName("config-property-value").getLength())
                        .as(p.getName())
                        .isZero();
                assertThat(beanDefault).as(p.getName()).isNull();
            } else {
                assertThat(text(e, "config-property-value")).as(p.getName()).isEqualTo(String.valueOf(beanDefault));
            }
        }
    }

    /**
     * The inbound side comes from annotations the container merges with ra.xml: the three listener types, and
     * each activation property once, on its setter, described, without a default (unset is null, resolved later).
     */
    @Test
    void theActivationSpecDeclaresItsListenersAndEveryActivationPropertyByAnnotation() throws Exception {
        assertThat(raXml().getElementsByTagName("inbound-resourceadapter").getLength())
                .as("ra.xml leaves the inbound side to the annotations (else it would win over them)")
                .isZero();
        Class<SwitchboardActivationSpec> spec = SwitchboardActivationSpec.class;
        assertThat(adapterJar()).contains(spec.getName().replace('.', '/') + ".class");
        assertThat(spec.getAnnotation(Activation.class).messageListeners())
                .containsExactlyInAnyOrder(SessionListener.class, CallMethods.class, LineListener.class);

        Map<String, ConfigProperty> annotated = new HashMap<>();
        for (Method m : spec.getDeclaredMethods()) {
            ConfigProperty property = m.getAnnotation(ConfigProperty.class);
            if (property != null) {
                assertThat(m.getName()).as("on a setter").startsWith("set");
                String name = Introspector.decapitalize(m.getName().substring(3));
                assertThat(annotated.put(name, property)).as(name + " once").isNull();
            }
        }
        for (Field f : spec.getDeclaredFields()) {
            assertThat(f.getAnnotation(ConfigProperty.class)).as(f.getName()).isNull();
        }
        Map<String, PropertyDescriptor> properties = configProperties(new SwitchboardActivationSpec());
        assertThat(annotated.keySet()).isEqualTo(properties.keySet());
        assertThat(properties)
                .containsKeys(
                        "alias",
                        "methods",
                        "idempotentMethods",
                        "policy",
                        "maxConcurrency",
                        "serverUrls",
                        "clientName",
                        "codec",
                        "reconnectInitialMillis",
                        "reconnectMaxMillis",
                        "connectTimeoutMillis",
                        "drainTimeoutMillis");
        annotated.forEach((name, property) -> {
            assertThat(String.join(" ", property.description())).as(name).isNotBlank();
            assertThat(property.defaultValue()).as(name).isEmpty();
            assertThat(property.type()).as(name + ": the setter's type").isEqualTo(Object.class);
            assertThat(property.confidential()).as(name + " confidential").isEqualTo(SECRETS.contains(name));
            assertThat(property.ignore()).as(name).isFalse();
        });
    }

    /** The bean's config properties: its wrapper/String JavaBean properties (not logWriter, resourceAdapter). */
    private static Map<String, PropertyDescriptor> configProperties(Object bean) throws Exception {
        Map<String, PropertyDescriptor> properties = new HashMap<>();
        for (PropertyDescriptor p :
                Introspector.getBeanInfo(bean.getClass(), Object.class).getPropertyDescriptors()) {
            if (p.getWriteMethod() != null && p.getReadMethod() != null && CONFIG_TYPES.contains(p.getPropertyType())) {
                properties.put(p.getName(), p);
            }
        }
        return properties;
    }

    @Test
    void asksWildFlyOnlyForJdkUnsupported() throws IOException {
        Manifest manifest = new Manifest(new ByteArrayInputStream(TOP_LEVEL.get("META-INF/MANIFEST.MF")));
        String dependencies = manifest.getMainAttributes().getValue(new Attributes.Name("Dependencies"));
        assertThat(dependencies).isEqualTo("jdk.unsupported");
    }

    private static List<String> adapterJar() {
        return JARS.entrySet().stream()
                .filter(e -> e.getKey().startsWith("switchboard-rar-adapter-"))
                .findFirst()
                .orElseThrow()
                .getValue();
    }

    private static Document raXml() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try (InputStream in = new ByteArrayInputStream(TOP_LEVEL.get("META-INF/ra.xml"))) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
