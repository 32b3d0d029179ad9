package io.switchboard.benchmarks.mdb;

import io.switchboard.benchmarks.wildfly.War;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Assembles {@code switchboard-bench-mdb.war} at run time ({@link War}): the message-driven bean of package
 * {@code mdb.app} and a generated {@code WEB-INF/ejb-jar.xml} carrying its activation config and transaction
 * attribute, so the run's settings decide them. No libraries: the listener API comes from the deployed rar
 * (MANIFEST {@code Dependencies}).
 */
final class MdbWar {

    static final String NAME = "switchboard-bench-mdb.war";
    /** By name: the bean's class implements the listener API, which only WildFly has (from the rar). */
    static final String APP_PACKAGE = "io.switchboard.benchmarks.mdb.app";

    static final String BEAN_NAME = "EchoBean";
    static final String ALIAS = "bench-mdb";
    static final String METHOD = "echo";
    private static final String DEPENDENCIES = "deployment.switchboard.rar";

    private MdbWar() {}

    static void build(Path war, MdbSettings settings) throws IOException {
        War.write(war, APP_PACKAGE, DEPENDENCIES, Map.of("WEB-INF/ejb-jar.xml", ejbJarXml(settings)), List.of());
    }

    /**
     * The bean's activation config (the session's alias, the most deliveries in progress at once) and its
     * methods' transaction attribute.
     */
    static String ejbJarXml(MdbSettings settings) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by benchmarks/run mdb: the activation config of this run's echo bean. -->
                <ejb-jar xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/ejb-jar_4_0.xsd"
                         version="4.0">
                  <enterprise-beans>
                    <message-driven>
                      <ejb-name>%s</ejb-name>
                      <activation-config>
                %s
                      </activation-config>
                    </message-driven>
                  </enterprise-beans>
                  <assembly-descriptor>
                    <container-transaction>
                      <method>
                        <ejb-name>%s</ejb-name>
                        <method-name>*</method-name>
                      </method>
                      <trans-attribute>%s</trans-attribute>
                    </container-transaction>
                  </assembly-descriptor>
                </ejb-jar>
                """.formatted(
                        BEAN_NAME,
                        property("alias", ALIAS) + "\n"
                                + property("maxConcurrency", Integer.toString(settings.maxConcurrency())),
                        BEAN_NAME,
                        settings.transaction().descriptorValue);
    }

    private static String property(String name, String value) {
        return """
                <activation-config-property>
                  <activation-config-property-name>%s</activation-config-property-name>
                  <activation-config-property-value>%s</activation-config-property-value>
                </activation-config-property>""".formatted(name, value).indent(8).stripTrailing();
    }
}
