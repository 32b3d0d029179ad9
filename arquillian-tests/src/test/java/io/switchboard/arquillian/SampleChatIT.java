package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.as.arquillian.api.ServerSetup;
import org.junit.jupiter.api.Test;

/**
 * The sample's chat room in WildFly: users on the test server's tcp and websocket front doors, their events handled
 * by the sample's {@code ChatBean} (a LineListener message-driven bean), its answers and broadcasts sent back
 * through the adapter's pooled connections.
 */
@ServerSetup(SampleChatIT.Setup.class)
class SampleChatIT extends WholeSampleDeployments {

    static class Setup extends AdapterSetup {}

    @Test
    void tcpAndWebSocketUsersTalkThroughTheChatBean() throws Exception {
        TestSwitchboard switchboard = TestSwitchboard.get();
        try (ChatUser ada = ChatUser.tcp(switchboard.chatTcpPort());
                ChatUser bob = ChatUser.webSocket(switchboard.chatWebSocketUri())) {
            String adaGuest = guestName(ada.await(m -> m.startsWith("welcome, "), "ada's welcome"));
            String bobGuest = guestName(bob.await(m -> m.startsWith("welcome, "), "bob's welcome"));

            ada.say("/nick ada");
            ada.awaitEquals("* " + adaGuest + " is now ada");
            bob.awaitEquals("* " + adaGuest + " is now ada");
            bob.say("/nick bob");
            ada.awaitEquals("* " + bobGuest + " is now bob");

            ada.say("hello, bob");
            bob.awaitEquals("ada: hello, bob");
            ada.awaitEquals("ada: hello, bob");
            bob.say("hi ada");
            ada.awaitEquals("bob: hi ada");

            bob.say("/who");
            assertThat(bob.await(m -> m.startsWith("here: "), "the answer to /who"))
                    .contains("ada", "bob");

            bob.close();
            ada.awaitEquals("* bob left");
            assertThat(ada.isOpen()).isTrue();
        }
    }

    /** "welcome, guest-abcd! ..." to "guest-abcd". */
    private static String guestName(String welcome) {
        return welcome.substring("welcome, ".length(), welcome.indexOf('!'));
    }
}
