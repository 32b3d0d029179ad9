package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.switchboard.client.CallException;
import io.switchboard.client.Publication;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.it.Calculator.Pair;
import io.switchboard.it.Calculator.Sum;
import io.switchboard.protocol.Codec;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.auth.UsersFile;
import io.switchboard.testsupport.HeadlessChromium;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The monitoring port's dashboard in headless Chromium, against a real server under a small load: a publisher of
 * {@code calc} and a caller calling it in a loop. The figures, charts and tables come from the real {@code /varz},
 * {@code /sessionz} and {@code /connz}; the test reads them from the data attributes the page exposes for this.
 *
 * <p>Saves a screenshot to {@code target/browser/}, and also to the path in the system property
 * {@code dashboard.screenshot} when given (relative to the repository root; docs/monitoring.md uses
 * {@code docs/images/dashboard.png}). Skipped, with the reason, on a machine without Debian's {@code chromium}.
 */
@EnabledIf(
        value = "io.switchboard.testsupport.HeadlessChromium#installed",
        disabledReason = "no chromium binary (Debian's chromium and chromium-driver; .ci/run installs them)")
class DashboardBrowserTest {

    /** Page updates, table contents, outages: generous for a loaded 2-core machine (the page refreshes every second). */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static final String OTHER_ALIAS = "quiet";

    private final ExecutorService handlers = Executors.newFixedThreadPool(2);
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private final AtomicLong callsMade = new AtomicLong();
    private Thread load;
    private SwitchboardServer server;
    private SwitchboardServer second;
    private SwitchboardClient publisher;
    private SwitchboardClient caller;
    private ChromeDriver browser;

    @AfterEach
    void stop() throws InterruptedException {
        loading.set(false);
        if (load != null) {
            load.join(DEADLINE.toMillis());
        }
        try {
            if (browser != null) {
                screenshot(HeadlessChromium.ARTIFACTS.resolve(getClass().getSimpleName() + "-end.png"));
                browser.quit();
            }
        } finally {
            Fixtures.closeAll(caller, publisher, server, second);
            handlers.shutdownNow();
        }
    }

    @Test
    void theDashboardShowsTheServerLiveAndSaysSoWhenItIsGoneUntilItIsBack() throws Exception {
        server = SwitchboardServer.start(Fixtures.serverConfig().monitorPort(0).build());
        publisher = SwitchboardClient.connect(Fixtures.clientOptions(Fixtures.tcpUrl(server), Codec.CBOR)
                .clientName("dashboard-publisher")
                .build());
        Publication calc = publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers);
        Publication quiet = publisher.publish(OTHER_ALIAS, Calculator.METHODS, new Calculator(), handlers);
        caller = SwitchboardClient.connect(Fixtures.clientOptions(Fixtures.tcpUrl(server), Codec.JSON)
                .clientName("dashboard-caller")
                .build());
        startLoad();
        Fixtures.await("the caller has made calls", () -> callsMade.get() > 10);

        int port = server.monitorPort();
        URI dashboard = URI.create("http://127.0.0.1:" + port + "/");
        browser = HeadlessChromium.start();
        browser.get(dashboard.toString());
        awaitSamples(3);
        assertThat(attribute("dashboard", "data-state")).isEqualTo("live");

        // Charts and figures move: two snapshots a few seconds apart.
        Map<String, Double> first = snapshot();
        awaitSamples(first.get("samples").intValue() + 3);
        Map<String, Double> later = snapshot();
        assertThat(later.get("delivered"))
                .as("deliveries shown, %s then %s", first, later)
                .isGreaterThan(first.get("delivered"));
        assertThat(later.get("points")).as("points on the calls chart").isGreaterThan(first.get("points"));
        assertThat(Math.max(first.get("rate"), later.get("rate")))
                .as("calls/s shown")
                .isPositive();
        assertThat(later.get("connections")).as("connections shown").isGreaterThanOrEqualTo(2.0);
        assertThat(later.get("sessions")).as("sessions shown").isEqualTo(2.0);
        if ("on".equals(attribute("dashboard", "data-metrics"))) {
            assertThat(later.get("calls")).as("calls answered").isGreaterThan(first.get("calls"));
            assertThat(legendValue("calls", "ok")).as("ok calls/s").isPositive();
        }

        // The sessions table lists the published aliases, with their publisher; sorting is the page's own.
        String calcRow = "#sessions-table tr[data-alias='" + Calculator.ALIAS + "']";
        awaitTrue(
                "the sessions table lists " + Calculator.ALIAS,
                driver -> !rowText(calcRow).isEmpty());
        assertThat(rowText(calcRow)).contains("dashboard-publisher");
        assertThat(aliasesShown()).as("by alias, ascending").containsExactly(Calculator.ALIAS, OTHER_ALIAS);
        browser.findElement(By.cssSelector("#sessions-table th[data-key='alias'] button"))
                .click();
        assertThat(aliasesShown()).as("by alias, descending").containsExactly(OTHER_ALIAS, Calculator.ALIAS);
        assertThat(attribute(By.cssSelector("#sessions-table th[data-key='alias']"), "aria-sort"))
                .isEqualTo("descending");
        browser.findElement(By.cssSelector("#sessions-table th[data-key='publishers'] button"))
                .click();
        assertThat(attribute(By.cssSelector("#sessions-table th[data-key='publishers']"), "aria-sort"))
                .isEqualTo("descending");
        assertThat(attribute(By.cssSelector("#sessions-table th[data-key='alias']"), "aria-sort"))
                .isNull();
        if ("on".equals(attribute("dashboard", "data-metrics"))) {
            browser.findElement(By.cssSelector("#sessions-table th[data-key='calls'] button"))
                    .click();
            assertThat(aliasesShown()).as("by calls, descending").containsExactly(Calculator.ALIAS, OTHER_ALIAS);
        }
        browser.findElement(By.cssSelector("#sessions-table th[data-key='alias'] button"))
                .click();
        assertThat(aliasesShown()).as("by alias again: ascending").containsExactly(Calculator.ALIAS, OTHER_ALIAS);

        // The connections table lists both clients; sorting by calls out is the server's (/connz?sort=calls_out).
        awaitTrue(
                "the connections table lists both clients",
                driver -> clientsShown().containsAll(List.of("dashboard-publisher", "dashboard-caller")));
        browser.findElement(By.cssSelector("#connections-table th[data-sort='calls_out'] button"))
                .click();
        awaitTrue("the caller first, by calls out", driver -> clientsShown().indexOf("dashboard-caller") == 0);
        assertThat(attribute(By.cssSelector("#connections-table th[data-sort='calls_out']"), "aria-sort"))
                .isEqualTo("descending");
        browser.findElement(By.cssSelector("#connections-table th[data-sort='calls_in'] button"))
                .click();
        awaitTrue("the publisher first, by calls in", driver -> clientsShown().indexOf("dashboard-publisher") == 0);
        assertThat(attribute(By.id("banner"), "hidden"))
                .as("no banner while all is well")
                .isNotNull();

        String wanted = System.getProperty("dashboard.screenshot", "");
        if (!wanted.isBlank()) {
            // For the docs: some history on the charts.
            awaitSamples(Integer.parseInt(attribute("dashboard", "data-samples")) + 15);
        }
        screenshot(HeadlessChromium.ARTIFACTS.resolve(getClass().getSimpleName() + ".png"));
        if (!wanted.isBlank()) {
            Path target = repositoryRoot().resolve(wanted);
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(
                    HeadlessChromium.ARTIFACTS.resolve(getClass().getSimpleName() + ".png"),
                    target,
                    StandardCopyOption.REPLACE_EXISTING);
        }

        // Draining: /healthz answers 503, the page says so and keeps showing figures.
        assertThat(post(URI.create(dashboard + "admin/drain"))).isEqualTo(202);
        awaitTrue("a banner says the server is draining", driver -> bannerText().contains("draining"));
        assertThat(attribute("dashboard", "data-state")).isEqualTo("live");

        // Gone: the page says the server is unreachable ...
        loading.set(false);
        load.join(DEADLINE.toMillis());
        Fixtures.closeAll(caller, publisher);
        caller = null;
        publisher = null;
        server.close();
        server = null;
        awaitTrue(
                "a banner says the server is unreachable",
                driver -> bannerText().contains("unreachable"));
        assertThat(attribute("dashboard", "data-state")).isEqualTo("error");
        String before = browser.findElement(By.id("identity")).getText();

        // ... and recovers by itself when a server is back on the same port.
        second = SwitchboardServer.start(
                Fixtures.serverConfig().monitorPort(port).build());
        awaitTrue("the page is live again", driver -> "live".equals(attribute("dashboard", "data-state")));
        awaitTrue("the banner is gone", driver -> attribute(By.id("banner"), "hidden") != null);
        awaitTrue(
                "the page shows the new server",
                driver -> !browser.findElement(By.id("identity")).getText().equals(before));
        assertThat(clientsShown()).as("the new server has no clients").isEmpty();
        calc.close();
        quiet.close();
    }

    @Test
    void withAuthOnThePageUsesTheBrowsersBasicCredentialsAndSaysWhenTheyAreRefused(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users.yaml");
        Files.writeString(users, """
                users:
                  - name: watcher
                    password: "%s"
                    permissions: { monitor: true }
                  - name: shopper
                    password: "%s"
                    permissions: { call: [">"] }
                """.formatted(
                        BCrypt.withDefaults().hashToString(10, "watch-secret".toCharArray()),
                        BCrypt.withDefaults().hashToString(10, "shop-secret".toCharArray())));
        server = SwitchboardServer.start(Fixtures.serverConfig()
                .authUsers(UsersFile.read(users))
                .monitorPort(0)
                .build());
        int port = server.monitorPort();
        HttpResponse<String> anonymous = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("the page without credentials").isEqualTo(401);
        assertThat(anonymous.headers().firstValue("www-authenticate"))
                .as("the browser is asked for a user and password")
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));

        browser = HeadlessChromium.start();
        browser.get("http://watcher:watch-secret@127.0.0.1:" + port + "/");
        awaitSamples(3);
        assertThat(attribute("dashboard", "data-state")).isEqualTo("live");
        assertThat(attribute(By.id("banner"), "hidden")).isNotNull();
        assertThat(browser.findElement(By.id("health")).getText()).isEqualTo("ok");

        // A user without the monitor permission (DevTools overrides the page's Authorization header): the page says
        // so, and recovers when the good credentials are back. (Refused credentials are not tested here: a 401
        // with WWW-Authenticate makes Chromium ask for a password, and headless it fails the request instead.)
        browser.executeCdpCommand("Network.enable", Map.of());
        sendAuthorization("Basic " + base64("shopper:shop-secret"));
        awaitTrue("a banner says 403", driver -> bannerText().contains("Forbidden (403)"));
        assertThat(attribute("dashboard", "data-error")).isEqualTo("403");
        assertThat(browser.findElement(By.id("health")).getText()).isEqualTo("denied");
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
        awaitTrue("the page is live again", driver -> "live".equals(attribute("dashboard", "data-state")));
        awaitTrue("the banner is gone", driver -> attribute(By.id("banner"), "hidden") != null);
    }

    private void sendAuthorization(String value) {
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", value)));
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void startLoad() {
        load = new Thread(
                () -> {
                    long n = 0;
                    while (loading.get()) {
                        try {
                            if (++n % 10 == 0) {
                                caller.call(Calculator.ALIAS, "fail", new Pair(1, 0), Sum.class);
                            } else {
                                caller.call(Calculator.ALIAS, "add", new Pair(1, 2), Sum.class);
                            }
                        } catch (CallException expected) {
                            // "fail" fails on purpose (handler-error): a second result code on the chart
                        } catch (RuntimeException e) {
                            if (loading.get()) {
                                throw e;
                            }
                            return;
                        }
                        callsMade.incrementAndGet();
                        try {
                            TimeUnit.MILLISECONDS.sleep(5); // a small load: the machine runs other builds
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "dashboard-load");
        load.setDaemon(true);
        load.start();
    }

    /** The figures the test compares, from the page's data attributes. */
    private Map<String, Double> snapshot() {
        Map<String, String> ids = Map.of(
                "rate", "calls-rate",
                "calls", "calls-total",
                "delivered", "delivered",
                "connections", "connections",
                "sessions", "sessions");
        Map<String, Double> figures = ids.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, e -> Double.parseDouble(attribute(e.getValue(), "data-value"))));
        figures = new java.util.HashMap<>(figures);
        figures.put("samples", Double.parseDouble(attribute("dashboard", "data-samples")));
        figures.put("points", Double.parseDouble(attribute("chart-calls", "data-points")));
        return figures;
    }

    private double legendValue(String chart, String series) {
        return Double.parseDouble(
                attribute(By.cssSelector("#legend-" + chart + " li[data-series='" + series + "']"), "data-value"));
    }

    /*
     * The page replaces its table bodies every second, so rows are read in one script run (an element found in one
     * WebDriver command may be gone by the next).
     */
    private List<String> aliasesShown() {
        return rowAttributes("#sessions-table tbody tr[data-alias]", "alias");
    }

    private List<String> clientsShown() {
        return rowAttributes("#connections-table tbody tr[data-cid]", "client");
    }

    @SuppressWarnings("unchecked")
    private List<String> rowAttributes(String rows, String attribute) {
        return (List<String>) browser.executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]), r => r.dataset[arguments[1]] || '');",
                rows,
                attribute);
    }

    private String rowText(String row) {
        return (String) browser.executeScript(
                "var r = document.querySelector(arguments[0]); return r ? r.innerText : '';", row);
    }

    private String bannerText() {
        WebElement banner = browser.findElement(By.id("banner"));
        return banner.getAttribute("hidden") == null ? banner.getText() : "";
    }

    private void awaitSamples(int atLeast) {
        awaitTrue(
                "the page has taken " + atLeast + " samples",
                driver -> Integer.parseInt(attribute("dashboard", "data-samples")) >= atLeast);
    }

    private void awaitTrue(String what, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, DEADLINE)
                .pollingEvery(Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> what + "; the page showed: "
                        + browser.findElement(By.tagName("body")).getText())
                .until(condition);
    }

    private String attribute(String id, String name) {
        return attribute(By.id(id), name);
    }

    private String attribute(By by, String name) {
        return browser.findElement(by).getAttribute(name);
    }

    private void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save the screenshot " + file + ": " + e);
        }
    }

    private static int post(URI uri) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The repository root (where mvnw is), whatever directory Maven runs the test in. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("mvnw"))) {
                return d;
            }
        }
        return dir;
    }
}
