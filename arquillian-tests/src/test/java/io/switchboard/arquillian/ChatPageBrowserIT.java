package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.HeadlessChromium;
import io.switchboard.testsupport.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The sample's chat page in headless Chromium: it talks over WebSocket to the test server's front door, and the
 * sample's {@code ChatBean} in WildFly answers. The test undeploys the sample while the page is open and redeploys
 * it: the page stays connected, and what its user typed meanwhile reaches the chat once the sample is back.
 * A plain tcp user in the same room checks that messages cross protocols.
 *
 * <p>Skipped, with the reason, on a machine without Debian's {@code chromium} ({@code .ci/run} installs it).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@ServerSetup(ChatPageBrowserIT.Setup.class)
@EnabledIf(
        value = "io.switchboard.testsupport.HeadlessChromium#installed",
        disabledReason = "no chromium binary (Debian's chromium and chromium-driver; .ci/run installs them)")
class ChatPageBrowserIT {

    static class Setup extends AdapterSetup {}

    private static final String SAMPLE = "sample";
    /** Redeploying the sample and the welcome-back before the held input: room for a loaded 2-core machine. */
    private static final Duration AFTER_REDEPLOY = Duration.ofSeconds(60);

    @ArquillianResource
    Deployer deployer;

    private final TestSwitchboard switchboard = TestSwitchboard.get();
    private PlainCaller caller;
    private ChromeDriver browser;
    private ChatPage page;
    private boolean deployed;

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return ShrinkWrap.createFromZipFile(
                ResourceAdapterArchive.class, SampleDeployments.built(SwitchboardAdapter.ARCHIVE));
    }

    /** Deployed and undeployed by the test itself: the application restart the page must live through. */
    @Deployment(name = SAMPLE, managed = false, testable = false)
    public static WebArchive sample() {
        return SampleDeployments.wholeSample();
    }

    @AfterEach
    void cleanUp() {
        try {
            if (page != null) {
                page.screenshot(HeadlessChromium.ARTIFACTS.resolve(getClass().getSimpleName() + ".png"));
            }
        } finally {
            if (browser != null) {
                browser.quit();
            }
            if (deployed) {
                undeploy();
            }
            if (caller != null) {
                caller.close();
            }
        }
    }

    @Test
    void thePageTalksOverItsWebSocketAndStaysConnectedWhileTheSampleIsRedeployed() throws Exception {
        caller = new PlainCaller("it-chat-page");
        deploy();
        try (ChatUser ada = ChatUser.tcp(switchboard.chatTcpPort())) {
            String adaName = guestName(ada.await(m -> m.startsWith("welcome, "), "ada's welcome"));

            browser = HeadlessChromium.start();
            page = ChatPage.open(browser, switchboard.chatWebSocketUri());
            page.awaitConnected();
            String connected = page.status();
            String me = guestName(page.awaitMessage(m -> m.startsWith("welcome, "), "welcoming the page's user"));
            ada.awaitEquals("* " + me + " joined");

            page.say("hello from chromium");
            page.awaitMessageEquals(me + ": hello from chromium");
            ada.awaitEquals(me + ": hello from chromium");
            ada.say("hi, browser");
            page.awaitMessageEquals(adaName + ": hi, browser");

            undeploy();
            caller.awaitGone(TestSwitchboard.CHAT_ALIAS);
            assertThat(httpStatus(ChatPage.address()))
                    .as("the sample is gone from WildFly")
                    .isEqualTo(404);
            page.say("typed while the chat is away");
            page.say("and a second line");
            assertThat(page.messages())
                    .as("nobody could answer while the sample was away")
                    .noneMatch(m -> m.contains("typed while the chat is away") || m.contains("a second line"));
            assertThat(page.status()).isEqualTo(connected);

            long redeploy = System.nanoTime();
            deploy();
            page.awaitMessage(
                    (me + ": typed while the chat is away")::equals, "typed during the outage", AFTER_REDEPLOY);
            page.awaitMessageEquals(me + ": and a second line");
            System.out.printf(
                    "the page's held input was answered %d ms after the redeploy began%n",
                    Duration.ofNanos(System.nanoTime() - redeploy).toMillis());
            List<String> shown = page.messages();
            assertThat(shown.indexOf(me + ": typed while the chat is away"))
                    .as("the held input in the order it was typed: %s", shown)
                    .isLessThan(shown.indexOf(me + ": and a second line"));
            assertThat(page.status())
                    .as("the page's WebSocket was never closed")
                    .isEqualTo(connected);

            ada.say("welcome back, browser");
            page.awaitMessageEquals(adaName + ": welcome back, browser");
            page.say("thanks, ada");
            ada.awaitEquals(me + ": thanks, ada");
            assertThat(page.status()).isEqualTo(connected);
        }
    }

    private void deploy() {
        deployer.deploy(SAMPLE);
        deployed = true;
        caller.awaitPublished(TestSwitchboard.CHAT_ALIAS, Poll.DEADLINE);
    }

    private void undeploy() {
        deployer.undeploy(SAMPLE);
        deployed = false;
    }

    private static int httpStatus(URI address) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(address)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** "welcome, guest-abcd! ..." to "guest-abcd". */
    private static String guestName(String welcome) {
        return welcome.substring("welcome, ".length(), welcome.indexOf('!'));
    }
}
