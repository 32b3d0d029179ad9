package io.switchboard.arquillian;

import static io.switchboard.arquillian.TestSwitchboard.CHAT_TCP_DOOR;
import static io.switchboard.arquillian.TestSwitchboard.CHAT_WEB_DOOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.frontdoor.FrontDoorStats;
import io.switchboard.testsupport.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, test point 2 in WildFly: the sample's chat room runs in a WildFly of this test's own ({@link
 * SampleWildFly}), 20 tcp and 20 websocket users talk to it through the test server's front doors, each takes a
 * nickname, and that WildFly is killed with SIGKILL. While it is down users keep typing and two hang up; every other
 * user stays connected (on the user's side and in the server's statistics), and after a plain restart of the crashed
 * server ChatBean is welcomed back: the nicknames come back with it (issue 12, B.12: line attributes kept by the
 * server), each user is greeted "welcome back, NICK", each user's outage input comes back broadcast in order under
 * its nickname, the users who left are announced by nickname, and the roster rebuilt from the welcome-back is
 * exactly the nicknames of the users still there.
 * <p>
 * Not an Arquillian test: the Arquillian-managed WildFly stays untouched for the other classes.
 */
class FrontDoorWildFlyCrashIT {

    private static final int USERS_PER_DOOR = 20;
    private static final int OUTAGE_MESSAGES = 5;
    /** From the kill until the server sees the handler gone: the kernel closes the killed JVM's sockets at once. */
    private static final Duration NOTICED_DEADLINE = Duration.ofSeconds(10);

    private final List<Member> members = new ArrayList<>();
    private SampleWildFly wildFly;

    /** A user with the nickname it chose and the front door it came through. */
    private record Member(ChatUser user, String nick, String door) {}

    @AfterEach
    void tearDown() throws Exception {
        for (Member member : members) {
            member.user().close();
        }
        if (wildFly != null) {
            wildFly.close();
        }
    }

    @Test
    void usersStayConnectedThroughAWildFlyCrashAndTheChatRoomComesBackWithThem() throws Exception {
        TestSwitchboard switchboard = TestSwitchboard.get();
        long bootStart = System.nanoTime();
        wildFly = SampleWildFly.start(switchboard.tcpUrl());
        long setUp = System.nanoTime();
        awaitHandlers(switchboard, 1, Poll.DEADLINE);
        log(
                "fresh WildFly booted, set up and deployed in %d ms; ChatBean published %d ms after that",
                millis(bootStart, setUp), millis(setUp, System.nanoTime()));

        connectUsers(switchboard);
        for (String door : List.of(CHAT_TCP_DOOR, CHAT_WEB_DOOR)) {
            assertThat(switchboard.frontDoorStats(door).openLines())
                    .as("open lines of " + door + ": this test's users only (did another test leave some open?)")
                    .isEqualTo(USERS_PER_DOOR);
        }
        List<String> everybody = members.stream().map(Member::nick).toList();
        for (Member member : members) {
            // An input event goes out only after the line's connect is answered, and the answer to /who is that
            // input's result: once every user has it, no event of any line is in flight when WildFly dies.
            member.user().say("/who");
            assertThat(roster(member.user()))
                    .as("the roster before the crash")
                    .containsExactlyInAnyOrderElementsOf(everybody);
        }
        long redeliveredBefore = redelivered(switchboard);

        // The kill waits until both processes are reaped (the JDK polls a process that is not its child); the
        // server's view is watched meanwhile.
        FutureTask<Long> kill = new FutureTask<>(() -> {
            wildFly.kill();
            return System.nanoTime();
        });
        long killed = System.nanoTime();
        new Thread(kill, "wildfly-kill").start();
        awaitHandlers(switchboard, 0, NOTICED_DEADLINE);
        long noticed = System.nanoTime();
        long gone = kill.get(NOTICED_DEADLINE.toSeconds(), TimeUnit.SECONDS);

        List<Member> leavers = List.of(members.get(0), members.get(USERS_PER_DOOR));
        for (Member leaver : leavers) {
            leaver.user().close();
        }
        List<Member> staying =
                members.stream().filter(m -> !leavers.contains(m)).toList();
        for (int i = 1; i <= OUTAGE_MESSAGES; i++) {
            for (Member member : staying) {
                member.user().say("m" + i);
            }
        }
        // Every input and both disconnects held by the server, nothing dropped, nobody closed.
        long heldPerDoor = (long) (USERS_PER_DOOR - 1) * OUTAGE_MESSAGES + 1;
        for (String door : List.of(CHAT_TCP_DOOR, CHAT_WEB_DOOR)) {
            FrontDoorStats held = Poll.until(
                    "front door " + door + " holds the outage's events",
                    () -> switchboard.frontDoorStats(door),
                    s -> s.bufferedEvents() == heldPerDoor);
            assertThat(held.openLines())
                    .as("open lines of " + door + " during the outage")
                    .isEqualTo(USERS_PER_DOOR - 1);
            assertThat(held.instances()).isZero();
            assertThat(held.dropped()).isZero();
        }
        assertThat(staying)
                .as("users still connected on their side during the outage")
                .allMatch(m -> m.user().isOpen());

        long restart = System.nanoTime();
        wildFly.startAgain();
        long booted = System.nanoTime();
        awaitHandlers(switchboard, 1, Poll.DEADLINE);
        long republished = System.nanoTime();

        for (Member member : staying) {
            awaitOutageReplay(member, leavers);
        }
        long replayed = System.nanoTime();

        Member asker = staying.get(staying.size() - 1);
        asker.user().say("/who");
        assertThat(roster(asker.user()))
                .as("the roster rebuilt from the welcome-back")
                .containsExactlyInAnyOrderElementsOf(
                        staying.stream().map(Member::nick).toList());

        assertThat(staying)
                .as("users still connected on their side after the restart")
                .allMatch(m -> m.user().isOpen());
        for (String door : List.of(CHAT_TCP_DOOR, CHAT_WEB_DOOR)) {
            FrontDoorStats after = switchboard.frontDoorStats(door);
            assertThat(after.openLines())
                    .as("open lines of " + door + " after the restart")
                    .isEqualTo(USERS_PER_DOOR - 1);
            assertThat(after.dropped()).isZero();
            assertThat(after.failed())
                    .as("events of " + door + " answered with a failure")
                    .isZero();
        }
        assertThat(redelivered(switchboard))
                .as("events redelivered: none was in flight at the kill")
                .isEqualTo(redeliveredBefore);

        log(
                "SIGKILL: noticed by the server after %d ms, both processes reaped after %d ms; outage (kill to ChatBean published again) %d ms, of which the"
                        + " restart's boot to ready %d ms and publishing %d ms; %d outage messages of %d users"
                        + " replayed in %d ms after that",
                millis(killed, noticed),
                millis(killed, gone),
                millis(killed, republished),
                millis(restart, booted),
                millis(booted, republished),
                staying.size() * OUTAGE_MESSAGES,
                staying.size(),
                millis(republished, replayed));
    }

    /**
     * 20 tcp and 20 websocket users, each waiting for its welcome to learn its guest name, then renamed with
     * {@code /nick}; returns once every rename is done (each user saw its own, broadcast while ChatBean ran it).
     */
    private void connectUsers(TestSwitchboard switchboard) throws Exception {
        List<ChatUser> tcp = new ArrayList<>();
        List<ChatUser> web = new ArrayList<>();
        for (int i = 0; i < USERS_PER_DOOR; i++) {
            tcp.add(ChatUser.tcp(switchboard.chatTcpPort()));
            web.add(ChatUser.webSocket(switchboard.chatWebSocketUri()));
        }
        List<String> guests = new ArrayList<>();
        for (int i = 0; i < USERS_PER_DOOR; i++) {
            guests.add(guestName(tcp.get(i)));
            members.add(new Member(tcp.get(i), "tcp-user-" + i, CHAT_TCP_DOOR));
        }
        for (int i = 0; i < USERS_PER_DOOR; i++) {
            guests.add(guestName(web.get(i)));
            members.add(new Member(web.get(i), "web-user-" + i, CHAT_WEB_DOOR));
        }
        for (Member member : members) {
            member.user().say("/nick " + member.nick());
        }
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            member.user().awaitEquals("* " + guests.get(i) + " is now " + member.nick());
        }
    }

    /**
     * Waits for the greeting by nickname, the member's own outage messages, broadcast back in the order typed
     * under its nickname, and for the leave of each leaver of the member's front door. (A leaver of the other door is announced to the lines ChatBean knows when
     * its disconnect runs: the other door's welcome-back may not have been answered yet, so that one is not
     * awaited.)
     */
    private static void awaitOutageReplay(Member member, List<Member> leavers) throws InterruptedException {
        List<String> own = new ArrayList<>();
        for (int i = 1; i <= OUTAGE_MESSAGES; i++) {
            own.add(member.nick() + ": m" + i);
        }
        Set<String> expected = new HashSet<>(own);
        expected.add("welcome back, " + member.nick());
        leavers.stream()
                .filter(l -> l.door().equals(member.door()))
                .forEach(l -> expected.add("* " + l.nick() + " left"));
        Set<String> missing = new HashSet<>(expected);
        List<String> ownArrived = new ArrayList<>();
        while (!missing.isEmpty()) {
            Predicate<String> wanted = missing::contains;
            String message = member.user().await(wanted, missing + " for " + member.nick());
            missing.remove(message);
            if (own.contains(message)) {
                ownArrived.add(message);
            }
        }
        assertThat(ownArrived)
                .as("%s's outage messages, in the order typed", member.nick())
                .isEqualTo(own);
    }

    /** The answer to /who, "here: a, b, c", as names. */
    private static List<String> roster(ChatUser user) throws InterruptedException {
        String answer = user.await(m -> m.startsWith("here: "), "the answer to /who");
        return Arrays.asList(answer.substring("here: ".length()).split(", "));
    }

    private static String guestName(ChatUser user) throws InterruptedException {
        String welcome = user.await(m -> m.startsWith("welcome, "), "the welcome");
        return welcome.substring("welcome, ".length(), welcome.indexOf('!'));
    }

    private static void awaitHandlers(TestSwitchboard switchboard, int instances, Duration deadline) {
        Poll.until(
                "ChatBean instances on both chat front doors: " + instances,
                deadline,
                () -> switchboard.frontDoorStats(CHAT_TCP_DOOR).instances() == instances
                        && switchboard.frontDoorStats(CHAT_WEB_DOOR).instances() == instances);
    }

    private static long redelivered(TestSwitchboard switchboard) {
        return switchboard.frontDoorStats(CHAT_TCP_DOOR).redelivered()
                + switchboard.frontDoorStats(CHAT_WEB_DOOR).redelivered();
    }

    private static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    private static void log(String format, Object... args) {
        System.out.println("[wildfly-crash] " + String.format(Locale.ROOT, format, args));
    }
}
