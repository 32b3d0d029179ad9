package io.switchboard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium ({@code chromium}, {@code chromium-driver}; {@code .ci/run} installs them) driven headless. Both
 * binaries are named explicitly, so Selenium Manager never runs and nothing is downloaded. The paths can be changed
 * with the system properties {@code chromium.binary} and {@code chromedriver.binary}. Shared by the browser tests of
 * integration-tests and arquillian-tests; they bring Selenium (an optional dependency here).
 */
public final class HeadlessChromium {

    public static final Path BINARY = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

    /** Where the driver's log and the tests' screenshots go. */
    public static final Path ARTIFACTS = Path.of("target", "browser");

    /** A safety net for page loads and scripts; each test wait has its own, shorter deadline. */
    private static final Duration PAGE_LOAD_DEADLINE = Duration.ofSeconds(60);

    private HeadlessChromium() {}

    /** Whether the browser is there at all; the test is skipped without it (and fails if only the driver lacks). */
    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    public static ChromeDriver start() {
        if (!Files.isExecutable(DRIVER)) {
            throw new IllegalStateException(BINARY + " is installed but " + DRIVER
                    + " is not: install Debian's chromium-driver (apt-get install chromium-driver)");
        }
        try {
            Files.createDirectories(ARTIFACTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // CI runs as root, where Chromium's sandbox cannot start
                "--disable-dev-shm-usage", // containers often have a small /dev/shm
                "--disable-gpu",
                "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(ARTIFACTS.resolve("chromedriver.log").toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD_DEADLINE).scriptTimeout(PAGE_LOAD_DEADLINE);
        return driver;
    }
}
