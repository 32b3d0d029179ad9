package io.switchboard.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.switchboard.server.routing.Permission;
import io.switchboard.testsupport.TestCertificates;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users file's certificate-subject and certificate-san: parsing, mistakes, and lookups by real certificates. */
class CertificateUsersTest {

    @TempDir
    Path dir;

    private TestCertificates certs;

    @BeforeEach
    void ca() {
        certs = TestCertificates.in(dir);
    }

    private static Users parse(String yaml) throws Exception {
        return UsersFile.parse(new YAMLMapper().readTree(yaml), "users.yaml");
    }

    private X509Certificate client(String user) {
        return certs.client(user, user).certificate();
    }

    @Test
    void aSubjectMatchesAsADistinguishedNameNotAsText() throws Exception {
        // Other spacing and attribute case than the certificate's "CN=inventory": X500Principal equality.
        Users users = parse("""
                users:
                  - name: inventory
                    certificate-subject: "cn = inventory"
                    permissions: { publish: ["inventory.>"] }
                """);
        User user = users.byCertificate(client("inventory")).iterator().next();
        assertThat(user.name()).isEqualTo("inventory");
        assertThat(user.passwordHash()).isNull();
        assertThat(user.permissions().allows(Permission.PUBLISH, "inventory.stock"))
                .isTrue();
        assertThat(users.byCertificate(client("other"))).isEmpty();
    }

    @Test
    void sansMatchByKindAndValueAndAUserMayListSeveral() throws Exception {
        Users users = parse("""
                users:
                  - name: shop
                    certificate-san: ["uri:switchboard:user:shop", "URI:switchboard:user:shop-2"]
                  - name: ops
                    certificate-san: "DNS:Ops.Example.COM"
                default-permissions: { call: [">"] }
                """);
        assertThat(users.byCertificate(client("shop"))).extracting(User::name).containsExactly("shop");
        assertThat(users.byCertificate(client("shop-2"))).extracting(User::name).containsExactly("shop");
        // The URI value is compared exactly: another user's URI is not a prefix match.
        assertThat(users.byCertificate(client("shop-3"))).isEmpty();
        assertThat(CertificateNames.parse("DNS:Ops.Example.COM")).isEqualTo("DNS:ops.example.com");
        assertThat(CertificateNames.parse("email:a@b.example")).isEqualTo("EMAIL:a@b.example");
    }

    @Test
    void aCertificateMatchingTwoUsersFindsBoth() throws Exception {
        Users users = parse("""
                users:
                  - name: by-subject
                    certificate-subject: "CN=inventory"
                  - name: by-san
                    certificate-san: "URI:switchboard:user:inventory"
                """);
        assertThat(users.byCertificate(client("inventory")))
                .extracting(User::name)
                .containsExactlyInAnyOrder("by-subject", "by-san");
    }

    @Test
    void theSameCertificateForTwoUsersIsAFileError() {
        assertThatThrownBy(() -> parse("""
                        users:
                          - name: a
                            certificate-subject: "CN=inventory,O=Acme"
                          - name: b
                            certificate-subject: "cn = Inventory, o = acme"
                        """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("users 'a' and 'b' map the same certificate");
        assertThatThrownBy(() -> parse("""
                        users:
                          - name: a
                            certificate-san: "DNS:host.example"
                          - name: b
                            certificate-san: "dns:HOST.example"
                        """))
                .hasMessageContaining("users 'a' and 'b' map the same certificate DNS:host.example");
    }

    @Test
    void malformedMappingsAreFileErrorsNamingTheUser() {
        assertThatThrownBy(() -> parse("users: [{name: a, certificate-subject: \"not a dn\"}]"))
                .hasMessageContaining("user 'a': certificate-subject 'not a dn' is not a distinguished name");
        assertThatThrownBy(() -> parse("users: [{name: a, certificate-san: \"IP:10.0.0.1\"}]"))
                .hasMessageContaining("user 'a': certificate-san 'IP:10.0.0.1' must start with URI:, DNS: or EMAIL:");
        assertThatThrownBy(() -> parse("users: [{name: a, certificate-san: \"URI:\"}]"))
                .hasMessageContaining("user 'a': certificate-san");
        assertThatThrownBy(() -> parse("users: [{name: a, certificate-san: []}]"))
                .hasMessageContaining("must be a string or a non-empty list");
        assertThatThrownBy(() -> parse("users: [{name: a, certificate-subject: [7]}]"))
                .hasMessageContaining("every entry must be a string");
        assertThatThrownBy(() -> parse("users: [{name: a}]"))
                .hasMessageContaining("user 'a' needs a password (a bcrypt hash), a token-sha256, or a certificate");
    }
}
