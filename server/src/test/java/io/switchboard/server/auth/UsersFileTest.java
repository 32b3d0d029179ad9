package io.switchboard.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.switchboard.server.routing.Permission;
import org.junit.jupiter.api.Test;

class UsersFileTest {

    private static final String HASH = BCrypt.withDefaults().hashToString(10, "pw".toCharArray());
    private static final String TOKEN = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static Users parse(String yaml) throws Exception {
        JsonNode root = new YAMLMapper().readTree(yaml);
        return UsersFile.parse(root, "users.yaml");
    }

    @Test
    void theMonitorPermissionReadsTheMonitoringPortAndAdminImpliesIt() throws Exception {
        Users users = parse("""
                users:
                  - name: watcher
                    password: "%s"
                    permissions: { monitor: true }
                  - name: ops
                    token-sha256: "%s"
                    permissions: { admin: true }
                  - name: app
                    password: "%s"
                    permissions: { call: [">"] }
                """.formatted(HASH, TOKEN, HASH));
        assertThat(users.byName("watcher").orElseThrow().permissions().monitor())
                .isTrue();
        assertThat(users.byName("watcher").orElseThrow().permissions().admin()).isFalse();
        assertThat(users.byName("ops").orElseThrow().permissions().monitor()).isTrue();
        assertThat(users.byName("app").orElseThrow().permissions().monitor()).isFalse();
        assertThatThrownBy(() -> parse("""
                        users:
                          - name: watcher
                            password: "%s"
                            permissions: { monitor: "yes" }
                        """.formatted(HASH))).hasMessageContaining("monitor must be true or false");
    }

    @Test
    void transactionsIsAFlagOfItsOwnThatAdminDoesNotImply() throws Exception {
        Users users = parse("""
                users:
                  - name: recovery
                    password: "%s"
                    permissions: { transactions: true }
                  - name: ops
                    token-sha256: "%s"
                    permissions: { admin: true }
                """.formatted(HASH, TOKEN));
        assertThat(users.byName("recovery").orElseThrow().permissions().transactions())
                .isTrue();
        assertThat(users.byName("recovery").orElseThrow().permissions().admin()).isFalse();
        assertThat(users.byName("ops").orElseThrow().permissions().transactions())
                .isFalse();
        assertThatThrownBy(() -> parse("""
                        users:
                          - name: recovery
                            password: "%s"
                            permissions: { transactions: 1 }
                        """.formatted(HASH))).hasMessageContaining("transactions must be true or false");
    }

    @Test
    void readsUsersTheirPermissionsAndTheDefaults() throws Exception {
        Users users = parse("""
                users:
                  - name: inventory
                    password: "%s"
                    permissions:
                      publish: { allow: ["inventory.>"], deny: ["inventory.secret"] }
                      call: [">"]
                  - name: ci-bot
                    token-sha256: "%s"
                    permissions: { admin: true }
                  - name: guest
                    password: "%s"
                default-permissions: { call: { allow: ["public.*"] } }
                """.formatted(HASH, TOKEN, HASH));
        assertThat(users.size()).isEqualTo(3);
        Permissions inventory = users.byName("inventory").orElseThrow().permissions();
        assertThat(inventory.allows(Permission.PUBLISH, "inventory.stock")).isTrue();
        assertThat(inventory.allows(Permission.PUBLISH, "inventory.secret")).isFalse();
        assertThat(inventory.allows(Permission.CALL, "anything.at.all")).isTrue();
        assertThat(inventory.allows(Permission.SUBSCRIBE, "inventory.stock")).isFalse();
        assertThat(inventory.admin()).isFalse();
        assertThat(users.byName("ci-bot").orElseThrow().permissions().admin()).isTrue();
        // Own permissions replace the defaults entirely; a user without any gets the defaults.
        assertThat(users.byName("ci-bot").orElseThrow().permissions().allows(Permission.CALL, "public.x"))
                .isFalse();
        assertThat(users.byName("guest").orElseThrow().permissions().allows(Permission.CALL, "public.x"))
                .isTrue();
    }

    @Test
    void aPlainTextPasswordIsRefusedNamingTheUserNotThePassword() {
        assertThatThrownBy(() -> parse("users: [{name: inventory, password: hunter2}]"))
                .hasMessageContaining("user 'inventory'")
                .hasMessageContaining("not a bcrypt hash")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aCheapBcryptCostIsRefused() {
        String cheap = BCrypt.withDefaults().hashToString(4, "pw".toCharArray());
        assertThatThrownBy(() -> parse("users: [{name: a, password: \"" + cheap + "\"}]"))
                .hasMessageContaining("user 'a'")
                .hasMessageContaining("cost 4");
    }

    @Test
    void everyMistakeIsNamed() {
        assertThatThrownBy(() -> parse("users: []")).hasMessageContaining("non-empty list");
        assertThatThrownBy(() -> parse("users: [{password: x}]")).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> parse("users: [{name: a}]")).hasMessageContaining("needs a password");
        assertThatThrownBy(() -> parse("users: [{name: a, password: \"" + HASH + "\", token-sha256: " + TOKEN + "}]"))
                .hasMessageContaining("has both password and token-sha256");
        assertThatThrownBy(() -> parse("users: [{name: a, token-sha256: abc}]")).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> parse("users: [{name: a, token-sha256: " + TOKEN + "}, {name: a, token-sha256: "
                        + TOKEN.replace('9', '8') + "}]"))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> parse(
                        "users: [{name: a, token-sha256: " + TOKEN + "}, {name: b, token-sha256: " + TOKEN + "}]"))
                .hasMessageContaining("same token");
        assertThatThrownBy(() -> parse("users: [{name: a, token-sha256: " + TOKEN + ", permissions: {publsh: [x]}}]"))
                .hasMessageContaining("unknown permission 'publsh'");
        assertThatThrownBy(() -> parse(
                        "users: [{name: a, token-sha256: " + TOKEN + ", permissions: {call: {allow: [\"a.>.b\"]}}}]"))
                .hasMessageContaining("user 'a' permissions call allow")
                .hasMessageContaining("last segment");
        assertThatThrownBy(
                        () -> parse("users: [{name: a, token-sha256: " + TOKEN + ", permissions: {admin: \"yes\"}}]"))
                .hasMessageContaining("admin must be true or false");
        assertThatThrownBy(() -> parse("users: [{name: a, token-sha256: " + TOKEN + ", pasword: x}]"))
                .hasMessageContaining("unknown key 'pasword'");
        assertThatThrownBy(() -> parse("userz: []")).hasMessageContaining("unknown key 'userz'");
    }

    @Test
    void answersAreCachedUpToTheLimitAndStayRightBeyondIt() {
        Permissions permissions = new Permissions(
                java.util.Map.of(
                        Permission.CALL,
                        new PermissionList(java.util.List.of(NamePattern.parse("ok.>")), java.util.List.of())),
                false);
        UserGrants grants = new UserGrants("u", permissions);
        for (int i = 0; i < UserGrants.CACHE_LIMIT + 100; i++) {
            assertThat(grants.allows(Permission.CALL, "ok." + i)).isTrue();
            assertThat(grants.allows(Permission.CALL, "no." + i)).isFalse();
        }
        assertThat(grants.cachedAnswers()).isEqualTo(UserGrants.CACHE_LIMIT);
        assertThat(grants.allows(Permission.CALL, "ok.1")).isTrue();
        assertThat(grants.allowsAny(Permission.CALL)).isTrue();
        assertThat(grants.allowsAny(Permission.PUBLISH)).isFalse();
    }
}
