package io.switchboard.server.held;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.SessionPolicy;
import io.switchboard.server.config.ConfigException;
import io.switchboard.server.config.ConfigLoader;
import io.switchboard.server.config.ConfigOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** session-policies: a YAML mapping in the file, alias=policy lists in the environment and on the command line. */
class SessionPoliciesConfigTest {

    @TempDir
    Path dir;

    @Test
    void theFileTakesAMappingAndStarStandsForEveryOtherAlias() throws Exception {
        Path file = Files.writeString(dir.resolve("switchboard.yaml"), """
                session-policies:
                  inventory: hold
                  "*": reroute
                """);
        SessionPolicies policies =
                ConfigLoader.load(file, Map.of(), Map.of()).server().sessionPolicies();
        assertThat(policies.policyOf("inventory")).isEqualTo(SessionPolicy.HOLD);
        assertThat(policies.policyOf("prices")).isEqualTo(SessionPolicy.REROUTE);
    }

    @Test
    void environmentAndFlagsTakeTheListFormAndUnnamedAliasesFail() {
        SessionPolicies fromEnv = ConfigLoader.load(
                        null, Map.of("SWITCHBOARD_SESSION_POLICIES", "inventory=hold, prices = reroute"), Map.of())
                .server()
                .sessionPolicies();
        assertThat(fromEnv.asMap()).isEqualTo(Map.of("inventory", SessionPolicy.HOLD, "prices", SessionPolicy.REROUTE));
        assertThat(fromEnv.policyOf("other")).isEqualTo(SessionPolicy.FAIL);

        SessionPolicies fromFlag = ConfigLoader.load(
                        null, Map.of(), Map.of(ConfigOption.SESSION_POLICIES, "inventory=fail"))
                .server()
                .sessionPolicies();
        assertThat(fromFlag.policyOf("inventory")).isEqualTo(SessionPolicy.FAIL);
        assertThat(ConfigLoader.load(null, Map.of(), Map.of()).server().sessionPolicies())
                .isEqualTo(SessionPolicies.none());
    }

    @Test
    void badEntriesAreRefusedNamingThemAndTheirSource() {
        assertThatThrownBy(() ->
                        ConfigLoader.load(null, Map.of("SWITCHBOARD_SESSION_POLICIES", "inventory=wait"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("session-policies")
                .hasMessageContaining("SWITCHBOARD_SESSION_POLICIES")
                .hasMessageContaining("unknown session policy 'wait' (fail, hold, reroute)");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of(ConfigOption.SESSION_POLICIES, "inventory")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'inventory' is not alias=policy");
        assertThatThrownBy(
                        () -> ConfigLoader.load(null, Map.of(), Map.of(ConfigOption.SESSION_POLICIES, "a=hold,a=fail")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alias 'a' is given twice");
    }
}
