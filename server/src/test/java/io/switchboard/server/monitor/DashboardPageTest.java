package io.switchboard.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard page as the monitoring port serves it; the browser test (integration-tests) runs it for real. */
class DashboardPageTest {

    private final DashboardPage page = DashboardPage.load();
    private final String html = new String(page.bytes(), StandardCharsets.UTF_8);

    @Test
    void theMonitoringPortServesThePageAtTheRoot() throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(
                ServerConfig.builder().port(0).monitorPort(0).build())) {
            MonitorClient http = MonitorClient.plain(server.monitorPort());
            MonitorClient.Reply reply = http.get("/");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).isEqualTo("text/html; charset=utf-8");
            assertThat(reply.body()).isEqualTo(html);
            assertThat(reply.headers().firstValue("content-security-policy")).hasValue(page.contentSecurityPolicy());
            assertThat(reply.headers().firstValue("x-frame-options")).hasValue("DENY");
            assertThat(reply.headers().firstValue("x-content-type-options")).hasValue("nosniff");
            assertThat(reply.headers().firstValue("cache-control")).hasValue("no-store");
            assertThat(http.post("/").status()).as("the page is read-only").isEqualTo(405);
            assertThat(http.get("/dashboard.html").status())
                    .as("only / serves it")
                    .isEqualTo(404);
        }
    }

    @Test
    void thePolicyAllowsExactlyThePagesOwnScriptAndStyleAndTheSameOrigin() throws Exception {
        String policy = page.contentSecurityPolicy();
        assertThat(policy)
                .startsWith("default-src 'none';")
                .contains("script-src " + sha256Between("<script>", "</script>") + ";")
                .contains("style-src " + sha256Between("<style>", "</style>") + ";")
                .contains("connect-src 'self';")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(page.handle(new MonitorRequest("/", Map.of())).headers())
                .containsEntry("Content-Security-Policy", policy);
    }

    @Test
    void thePageIsSelfContained() {
        // No CDN, no external script, style, font or image: it must work on a host without internet.
        assertThat(html).doesNotContainPattern(Pattern.compile("<script[^>]+src", Pattern.CASE_INSENSITIVE));
        assertThat(html).doesNotContainPattern(Pattern.compile("<link(?![^>]*href=\"data:)[^>]*>"));
        assertThat(html).doesNotContain("@import").doesNotContain("url(");
        assertThat(Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}[^\\s'\"]*")
                        .matcher(html)
                        .results()
                        .map(MatchResult::group))
                .as("absolute URLs in the page")
                .containsOnly("http://www.w3.org/2000/svg");
        // It reads the monitoring port that served it, by relative paths (works behind a path-prefixing proxy).
        assertThat(html)
                .contains("getJson('varz')", "getJson('sessionz')", "'connz?sort='", "getJson('healthz', true)");
        // Client-chosen names (aliases, client names) only ever become text, never markup.
        assertThat(html)
                .doesNotContain("innerHTML")
                .doesNotContain("insertAdjacentHTML")
                .doesNotContain("eval(");
    }

    @Test
    void aPageWithoutItsInlineScriptIsRefused() {
        assertThatThrownBy(() -> DashboardPage.policyFor("<style>p{}</style>"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("<script>");
        assertThatThrownBy(() -> DashboardPage.policyFor("<style></style><script>a</script><script>b</script>"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exactly one");
    }

    private String sha256Between(String open, String close) throws Exception {
        int start = html.indexOf(open) + open.length();
        String body = html.substring(start, html.indexOf(close, start));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
        return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    }
}
