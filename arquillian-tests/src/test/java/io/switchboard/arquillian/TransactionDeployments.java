package io.switchboard.arquillian;

import io.switchboard.arquillian.support.RecordingPublisher;
import io.switchboard.arquillian.support.TxApp;
import io.switchboard.arquillian.tx.PlacedOrder;
import io.switchboard.arquillian.tx.PlacedOrderServlet;
import io.switchboard.arquillian.tx.PlacedOrdersBean;
import io.switchboard.arquillian.tx.SubmitterBean;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * What the transaction test classes deploy: the real {@code switchboard.rar} and {@code tx-app.war} (the shared
 * servlet and bean base of arquillian-support, this suite's submitting bean, and package {@code tx}'s orders: a bean
 * and its servlet writing the JPA entity on ExampleDS), plus the {@link RecordingPublisher} the bean's calls go to, in
 * the test JVM on the test server. The adapter's transaction-support is the subclass's setup task's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class TransactionDeployments {

    static final WildFlyTxApp app = new WildFlyTxApp();
    static RecordingPublisher recorder;

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return SampleDeployments.rar();
    }

    @Deployment(name = "tx-app", order = 2, testable = false)
    public static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, TxApp.CONTEXT + ".war")
                .addClasses(TxApp.sharedClasses())
                .addClasses(SubmitterBean.class, PlacedOrdersBean.class, PlacedOrderServlet.class, PlacedOrder.class)
                .addAsResource("tx/persistence.xml", "META-INF/persistence.xml")
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.switchboard.rar\n"));
    }

    @BeforeAll
    static void publishRecorder() {
        recorder = new RecordingPublisher(TestSwitchboard.get().tcpUrl());
    }

    /** Every test starts with nothing left over: a marker sent with no transaction, and all before it skipped. */
    @BeforeEach
    void startWithNothingLeftOver() {
        String sync = "sync-" + UUID.randomUUID();
        app.marker(sync);
        List<String> leftOver = recorder.skipPast(sync);
        if (!leftOver.isEmpty()) {
            LoggerFactory.getLogger(getClass()).warn("calls left over from an earlier test: {}", leftOver);
        }
    }

    @AfterAll
    static void closeRecorder() {
        if (recorder != null) {
            recorder.close();
        }
    }
}
