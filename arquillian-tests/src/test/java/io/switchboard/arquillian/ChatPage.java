package io.switchboard.arquillian;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sample's {@code chat.html} in a browser, read and typed into the way a person would: the status line, the
 * messages in the log, the input field and the Send button. Every wait has a deadline and, when it fails, says what
 * the page showed.
 */
final class ChatPage {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    /** What the page's status says while its WebSocket is open. */
    static final String CONNECTED = "connected to ";

    private final WebDriver browser;

    private ChatPage(WebDriver browser) {
        this.browser = browser;
    }

    /** Opens the sample's page, telling it the front door with {@code ?ws=}. */
    static ChatPage open(WebDriver browser, URI frontDoor) {
        browser.get(address() + "?ws=" + URLEncoder.encode(frontDoor.toString(), StandardCharsets.UTF_8));
        return new ChatPage(browser);
    }

    /** Where WildFly serves the page while the sample is deployed. */
    static URI address() {
        return URI.create("http://127.0.0.1:" + Management.httpPort() + "/switchboard-sample/chat.html");
    }

    String status() {
        return browser.findElement(By.id("status")).getText();
    }

    /** The messages shown so far, oldest first. */
    List<String> messages() {
        return browser.findElements(By.cssSelector("#log div.message")).stream()
                .map(WebElement::getText)
                .toList();
    }

    void awaitConnected() {
        await("the status to say connected", () -> status().startsWith(CONNECTED));
    }

    /** Waits until a shown message matches; returns it. */
    String awaitMessage(Predicate<String> expected, String what) {
        return awaitMessage(expected, what, PATIENCE);
    }

    String awaitMessage(Predicate<String> expected, String what, Duration deadline) {
        await("a message " + what, deadline, () -> messages().stream().anyMatch(expected));
        return messages().stream().filter(expected).findFirst().orElseThrow();
    }

    String awaitMessageEquals(String message) {
        return awaitMessage(message::equals, "'" + message + "'");
    }

    /** Types into the input field and presses Send; the page empties the field once it has sent the text. */
    void say(String text) {
        WebElement input = browser.findElement(By.id("input"));
        input.sendKeys(text);
        browser.findElement(By.id("send")).click();
        await(
                "the input field to be emptied after sending '" + text + "'",
                () -> browser.findElement(By.id("input"))
                        .getDomProperty("value")
                        .isEmpty());
    }

    /** A picture of the page as it is now, for whoever reads a failed run. */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page as a person sees it: status and messages. */
    String describe() {
        return "status '" + status() + "', messages " + messages();
    }

    private void await(String what, BooleanSupplier condition) {
        await(what, PATIENCE, condition);
    }

    private void await(String what, Duration deadline, BooleanSupplier condition) {
        new WebDriverWait(browser, deadline)
                .withMessage(() -> what + " within " + deadline.toSeconds() + " s; the page shows " + describe())
                .until(driver -> condition.getAsBoolean());
    }
}
