package io.switchboard.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard page as the monitoring port serves it; the browser test (integration-tests) runs it for real. */
class DashboardPageTest {

    private final DashboardPage page = DashboardPage.load();
    private final String html = new String(page.bytes(), StandardCharsets.UTF_8);

    @Test
    void servesTheWholePageAsHtmlThatIsNotCached() {
        FullHttpResponse response = page.response(HttpVersion.HTTP_1_1, false);
        try {
            assertThat(response.status().code()).isEqualTo(200);
            assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/html; charset=utf-8");
            assertThat(response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH))
                    .isEqualTo(page.bytes().length);
            assertThat(response.content().toString(StandardCharsets.UTF_8)).isEqualTo(html);
            assertThat(response.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-cache");
            assertThat(response.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.headers().get(HttpHeaderNames.X_FRAME_OPTIONS)).isEqualTo("DENY");
        } finally {
            response.release();
        }
    }

    @Test
    void headAnswersTheLengthWithoutTheBody() {
        FullHttpResponse response = page.response(HttpVersion.HTTP_1_1, true);
        try {
            assertThat(response.content().readableBytes()).isZero();
            assertThat(response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH))
                    .isEqualTo(page.bytes().length);
        } finally {
            response.release();
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
        FullHttpResponse response = page.response(HttpVersion.HTTP_1_1, true);
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_SECURITY_POLICY))
                .isEqualTo(policy);
        response.release();
    }

    @Test
    void thePageIsSelfContained() {
        // No CDN, no external script, style, font or image: it must work on a host without internet.
        assertThat(html).doesNotContainPattern(Pattern.compile("<script[^>]+src", Pattern.CASE_INSENSITIVE));
        assertThat(html).doesNotContainPattern(Pattern.compile("<link(?![^>]*href=\"data:)[^>]*>"));
        assertThat(html).doesNotContain("@import").doesNotContain("url(");
        assertThat(html.replace("http://www.w3.org/2000/svg", ""))
                .doesNotContain("http://")
                .doesNotContain("https://");
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
