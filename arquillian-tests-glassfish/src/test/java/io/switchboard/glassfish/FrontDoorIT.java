package io.switchboard.glassfish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The sample's chat room: a {@code LineListener} message-driven bean in GlassFish receiving the events of a front
 * door of the test server (lines opened, text, closed) and answering the users on their tcp lines.
 */
class FrontDoorIT extends GlassFishTest {

    @Test
    void tcpUsersTalkThroughTheLineListenerBean() throws Exception {
        int port = TestSwitchboard.get().chatTcpPort();
        try (ChatLine ada = new ChatLine(port);
                ChatLine bob = new ChatLine(port)) {
            String adaGuest = guestName(ada.await(m -> m.startsWith("welcome, "), "ada's welcome"));
            bob.await(m -> m.startsWith("welcome, "), "bob's welcome");

            ada.say("/nick ada");
            bob.await(("* " + adaGuest + " is now ada")::equals, "ada's new nick");
            ada.say("hello from glassfish");
            assertThat(bob.await(m -> m.endsWith("hello from glassfish"), "ada's message"))
                    .isEqualTo("ada: hello from glassfish");
        }
    }

    /** "welcome, guest-abcd! ..." to "guest-abcd". */
    private static String guestName(String welcome) {
        return welcome.substring("welcome, ".length(), welcome.indexOf('!'));
    }
}
