package io.logmirror.app.ui;

import io.logmirror.app.SampleCluster;
import io.logmirror.app.TestHttp;
import io.logmirror.app.http.DemoAppTest;
import io.logmirror.fakecluster.FakeRemote;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The web page in a real headless Chromium against the running service and a synced sample cluster. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPageTest extends DemoAppTest {

    static final Path DATA = TestHttp.tempDir("web-page");
    static final FakeRemote REMOTE = SampleCluster.create();

    @Inject
    EmbeddedServer server;

    private ChromeDriver browser;

    WebPageTest() {
        super(DATA, REMOTE);
    }

    @BeforeAll
    void startBrowser() throws Exception {
        browser = Browser.start();
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void synced() throws Exception {
        mirror().syncNow();
    }

    private void open(String route) {
        browser.get("http://localhost:" + server.getPort() + "/ui/#/" + route);
    }

    private WebElement await(By what) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    /** Screenshots go to target/screenshots; docs/screenshots holds the ones copied from there by hand. */
    private void screenshot(String name) throws Exception {
        Path folder = Path.of("target", "screenshots");
        Files.createDirectories(folder);
        Files.write(folder.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aBrowserAtTheRootIsSentToThePageAndTheOverviewShowsEveryCategory() throws Exception {
        browser.get("http://localhost:" + server.getPort() + "/");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/ui/"));
        List<WebElement> cards = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> {
                    List<WebElement> found = d.findElements(By.cssSelector(".cards .card"));
                    return found.size() == 7 ? found : null;
                });
        assertThat(cards.get(0).getText()).startsWith("server");
        assertThat(await(By.id("sync-title")).getText()).isEqualTo("Sync");
        screenshot("overview");
        assertThat(Browser.consoleErrors(browser)).isEmpty();
    }

    @Test
    void theFileListShowsTheNewestFileFirstAndOpensTheViewer() throws Exception {
        open("files");
        WebElement first = await(By.cssSelector("tbody tr td a"));
        assertThat(first.getText()).isEqualTo("notes.txt");
        screenshot("files");
        first.click();
        WebElement line = await(By.cssSelector(".viewport .line .text"));
        assertThat(line.getText()).isEqualTo("just notes");
        assertThat(Browser.consoleErrors(browser)).isEmpty();
    }

    @Test
    void theViewerNumbersLinesMarksMatchesWithoutFilteringAndJumpsToALine() throws Exception {
        open("view?path=" + "categorized%2Fslurm%2Fslurm-100.out&q=line%202&line=2");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector(".viewport .line")).size() == 3);
        List<WebElement> lines = browser.findElements(By.cssSelector(".viewport .line"));
        assertThat(lines).extracting(WebElement::getText).containsExactly("1\nline 1", "2\nline 2", "3\nline 3");
        assertThat(browser.findElements(By.cssSelector(".viewport mark"))).extracting(WebElement::getText).containsExactly("line 2");
        assertThat(lines.get(1).getAttribute("class")).contains("current");
        screenshot("viewer");
        assertThat(Browser.consoleErrors(browser)).isEmpty();
    }

    @Test
    void theThemeToggleAndTheKeyboardShortcutsWork() {
        open("");
        await(By.cssSelector(".cards .card"));
        String before = browser.findElement(By.tagName("html")).getAttribute("data-theme");
        browser.findElement(By.tagName("body")).sendKeys("t");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("data-theme")).isNotEqualTo(before);
        browser.findElement(By.tagName("body")).sendKeys("g", "f");
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.urlContains("#/files"));
        browser.findElement(By.tagName("body")).sendKeys("?");
        assertThat(await(By.id("help")).isDisplayed()).isTrue();
        browser.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
        assertThat(Browser.consoleErrors(browser)).isEmpty();
    }
}
