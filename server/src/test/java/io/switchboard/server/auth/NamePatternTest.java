package io.switchboard.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamePatternTest {

    private static boolean matches(String pattern, String name) {
        return NamePattern.parse(pattern).matches(name);
    }

    @Test
    void aLiteralMatchesItselfOnly() {
        assertThat(matches("inventory", "inventory")).isTrue();
        assertThat(matches("inventory", "inventory.stock")).isFalse();
        assertThat(matches("inventory", "inventor")).isFalse();
        assertThat(matches("inventory.stock", "inventory.stock")).isTrue();
        assertThat(matches("inventory.stock", "inventory.stocks")).isFalse();
        assertThat(matches("inventory.stock", "inventory")).isFalse();
    }

    @Test
    void aStarIsExactlyOneSegment() {
        assertThat(matches("*", "echo")).isTrue();
        assertThat(matches("*", "a.b")).isFalse();
        assertThat(matches("inventory.*", "inventory.stock")).isTrue();
        assertThat(matches("inventory.*", "inventory")).isFalse();
        assertThat(matches("inventory.*", "inventory.stock.eu")).isFalse();
        assertThat(matches("*.stock", "eu.stock")).isTrue();
        assertThat(matches("*.stock", "eu.stocks")).isFalse();
        assertThat(matches("a.*.c", "a.b.c")).isTrue();
        assertThat(matches("a.*.c", "a..c")).isFalse();
    }

    @Test
    void aGreaterThanIsOneOrMoreSegmentsAtTheEnd() {
        assertThat(matches(">", "echo")).isTrue();
        assertThat(matches(">", "a.b.c")).isTrue();
        assertThat(matches("inventory.>", "inventory.stock")).isTrue();
        assertThat(matches("inventory.>", "inventory.stock.eu")).isTrue();
        assertThat(matches("inventory.>", "inventory")).isFalse();
        assertThat(matches("inventory.>", "inventory.")).isFalse();
        assertThat(matches("inventory.>", "inventoryx.stock")).isFalse();
        assertThat(matches("*.>", "a.b")).isTrue();
        assertThat(matches("*.>", "a")).isFalse();
    }

    @Test
    void malformedPatternsAreRefusedSayingWhy() {
        assertThatThrownBy(() -> NamePattern.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> NamePattern.parse("a..b")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> NamePattern.parse("a.")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> NamePattern.parse(">.a")).hasMessageContaining("last segment");
        assertThatThrownBy(() -> NamePattern.parse("inv*")).hasMessageContaining("whole segments");
        assertThatThrownBy(() -> NamePattern.parse("a.b>")).hasMessageContaining("whole segments");
    }

    @Test
    void denyWinsOverAllow() {
        PermissionList list = new PermissionList(
                java.util.List.of(NamePattern.parse(">")), java.util.List.of(NamePattern.parse("secret.>")));
        assertThat(list.allows("inventory")).isTrue();
        assertThat(list.allows("secret.plans")).isFalse();
        assertThat(PermissionList.NOTHING.allows("anything")).isFalse();
    }
}
