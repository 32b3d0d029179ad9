package io.switchboard.server.monitor;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monitoring port's {@code GET /}: the dashboard, one self-contained HTML page (inline CSS and JavaScript, no
 * CDN) that reads {@code /varz}, {@code /sessionz}, {@code /connz} and {@code /healthz} of the same origin once a
 * second (docs/monitoring.md, "Dashboard").
 *
 * <p>The page is loaded once and served from memory. Its {@code Content-Security-Policy} allows exactly its own inline
 * script and style (by their SHA-256, computed here from the page itself, so the policy cannot drift from the page)
 * and requests to its own origin only: nothing else can run in it, even if a client-chosen name reached the page.
 */
public final class DashboardPage implements Endpoint {

    /** The page, next to this class on the class path. */
    static final String RESOURCE = "dashboard.html";

    private static final Pattern SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
    private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

    private final byte[] html;
    private final String contentSecurityPolicy;
    private final Map<String, String> headers;

    private DashboardPage(byte[] html, String contentSecurityPolicy) {
        this.html = html;
        this.contentSecurityPolicy = contentSecurityPolicy;
        this.headers = Map.of(
                "Content-Security-Policy", contentSecurityPolicy,
                "X-Frame-Options", "DENY",
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer");
    }

    /** Loads the page from the class path; a missing or malformed page is a build error, so this throws. */
    public static DashboardPage load() {
        try (InputStream in = DashboardPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard page " + RESOURCE + " is missing from the class path");
            }
            byte[] html = in.readAllBytes();
            return new DashboardPage(html, policyFor(new String(html, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard page " + RESOURCE, e);
        }
    }

    /** The policy that lets the page's one inline script and one inline style run, and nothing else. */
    static String policyFor(String page) {
        return "default-src 'none'; script-src " + hashOfOnly(SCRIPT, page, "script") + "; style-src "
                + hashOfOnly(STYLE, page, "style")
                + "; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none';"
                + " frame-ancestors 'none'";
    }

    private static String hashOfOnly(Pattern element, String page, String name) {
        Matcher m = element.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("the dashboard page has no inline <" + name + ">");
        }
        String body = m.group(1);
        if (m.find()) {
            throw new IllegalStateException("the dashboard page must have exactly one inline <" + name + ">");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The page's Content-Security-Policy header value. */
    public String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    /** The page's bytes (UTF-8); a copy. */
    public byte[] bytes() {
        return html.clone();
    }

    /**
     * {@code GET /}: the page as {@code text/html}, with headers that keep other sites from framing or sniffing it
     * (the monitoring handler adds {@code Cache-Control: no-store}: a new server version may bring a new page).
     */
    @Override
    public MonitorResponse handle(MonitorRequest request) {
        return new MonitorResponse(HttpResponseStatus.OK, "text/html; charset=utf-8", html, headers);
    }
}
