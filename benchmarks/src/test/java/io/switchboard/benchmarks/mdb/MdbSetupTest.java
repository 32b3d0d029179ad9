package io.switchboard.benchmarks.mdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.benchmarks.mdb.app.EchoBean;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class MdbSetupTest {

    private final MdbSettings settings =
            MdbSettings.fromArgs(new String[] {"--max-concurrency=16", "--mdb-pool=12", "--transaction=not-supported"});

    @Test
    void theScriptSizesThePoolPointsTheAdapterAtTheServerAndDeploysTheRarBeforeTheWar() {
        String script = MdbSetupScript.text(
                "tcp://127.0.0.1:4711",
                settings,
                Path.of("/x/switchboard.rar"),
                Path.of("/x/switchboard-bench-mdb.war"));
        List<String> lines =
                script.lines().filter(line -> !line.startsWith("#")).toList();

        String pool = "/subsystem=ejb3/strict-max-bean-instance-pool=mdb-strict-max-pool";
        assertThat(lines)
                .contains(
                        pool + ":undefine-attribute(name=derive-size)",
                        pool + ":write-attribute(name=max-pool-size, value=12)",
                        "/subsystem=ejb3:write-attribute(name=default-mdb-instance-pool, value=mdb-strict-max-pool)",
                        "/subsystem=resource-adapters/resource-adapter=switchboard/config-properties=serverUrls:add("
                                + "value=\"tcp://127.0.0.1:4711\")",
                        "/subsystem=ejb3:write-attribute(name=default-resource-adapter-name, value=switchboard.rar)");
        assertThat(lines)
                .containsSubsequence(
                        "batch",
                        "run-batch",
                        "reload",
                        "deploy /x/switchboard.rar --name=switchboard.rar",
                        "deploy /x/switchboard-bench-mdb.war --name=switchboard-bench-mdb.war");
        assertThat(lines).noneMatch(line -> line.contains("connection-definitions"));
    }

    @Test
    void theDescriptorGivesTheEchoBeanItsAliasTheRunsConcurrencyAndTransactionAttribute() throws Exception {
        Document xml = DocumentBuilderFactory.newDefaultInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(MdbWar.ejbJarXml(settings).getBytes(StandardCharsets.UTF_8)));

        String bean = EchoBean.class.getSimpleName();
        assertThat(text(xml, "ejb-name"))
                .as("the bean and its transaction attribute")
                .containsExactly(bean, bean);
        assertThat(MdbWar.APP_PACKAGE).isEqualTo(EchoBean.class.getPackageName());
        assertThat(text(xml, "activation-config-property-name")).containsExactly("alias", "maxConcurrency");
        assertThat(text(xml, "activation-config-property-value")).containsExactly("bench-mdb", "16");
        assertThat(text(xml, "method-name")).containsExactly("*");
        assertThat(text(xml, "trans-attribute")).containsExactly("NotSupported");
    }

    private static List<String> text(Document xml, String element) {
        NodeList nodes = xml.getElementsByTagName(element);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(((Element) nodes.item(i)).getTextContent().trim());
        }
        return values;
    }
}
