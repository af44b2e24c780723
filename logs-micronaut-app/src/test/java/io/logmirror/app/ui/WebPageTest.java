package io.logmirror.app.ui;

import io.logmirror.app.SampleCluster;
import io.logmirror.app.TestHttp;
import io.logmirror.app.http.DemoAppTest;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogQuery;
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
import org.openqa.selenium.StaleElementReferenceException;
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

    /**
     * The text of the first element {@code what} finds once it satisfies {@code wanted}. The viewer redraws its lines
     * (its first screen, then again with the line index), so an element found earlier may be gone when read.
     */
    private String awaitText(By what, java.util.function.Predicate<String> wanted) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    String text = d.findElement(what).getText();
                    return wanted.test(text) ? text : null;
                });
    }

    /** The texts of every element {@code what} finds once they satisfy {@code wanted}, read in one go. */
    private List<String> awaitTexts(By what, java.util.function.Predicate<List<String>> wanted) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    List<String> texts = d.findElements(what).stream().map(WebElement::getText).toList();
                    return wanted.test(texts) ? texts : null;
                });
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
        // The overview redraws itself every few seconds: read its texts in one go.
        List<String> cards = awaitTexts(By.cssSelector(".cards .card"), texts -> texts.size() == 7);
        assertThat(cards.get(0)).startsWith("server");
        assertThat(awaitText(By.id("sync-title"), text -> true)).isEqualTo("Sync");
        screenshot("overview");
        assertThat(Browser.consoleErrors(browser)).isEmpty();
    }

    @Test
    void theFileListShowsTheNewestFileFirstAndOpensTheViewer() throws Exception {
        open("files");
        WebElement first = await(By.cssSelector("tbody tr td a"));
        LogEntry newest = mirror().store().list(LogQuery.newest(1)).get(0);
        assertThat(first.getText()).isEqualTo(newest.path().toString());
        screenshot("files");
        first.click();
        String firstLine = mirror().store().tail(newest, 100_000).get(0);
        awaitText(By.cssSelector(".viewport .line .text"), firstLine::equals);
        assertThat(Browser.consoleErrors(browser)).isEmpty();
    }

    @Test
    void theViewerNumbersLinesMarksMatchesWithoutFilteringAndJumpsToALine() throws Exception {
        open("view?path=" + "categorized%2Fslurm%2Fslurm-100.out&q=line%202&line=2");
        assertThat(awaitTexts(By.cssSelector(".viewport .line"), texts -> texts.size() == 3))
                .containsExactly("1\nline 1", "2\nline 2", "3\nline 3");
        assertThat(awaitTexts(By.cssSelector(".viewport mark"), texts -> !texts.isEmpty())).containsExactly("line 2");
        assertThat(awaitText(By.cssSelector(".viewport .line.current"), text -> true)).isEqualTo("2\nline 2");
        screenshot("viewer");
        assertThat(Browser.consoleErrors(browser)).isEmpty();
    }

    @Test
    void aSearchFindsAPlantedLineAndOpensItInContext() throws Exception {
        open("search?q=ValueError");
        WebElement number = await(By.cssSelector(".results .match a.lineno"));
        assertThat(browser.findElement(By.cssSelector(".results .match mark")).getText()).isEqualTo("ValueError");
        assertThat(number.getText()).isEqualTo("2");
        screenshot("search");
        number.click();
        assertThat(awaitText(By.cssSelector(".viewport .line.current"), text -> true)).isEqualTo("2\nValueError: bad");
        assertThat(awaitTexts(By.cssSelector(".viewport .line"), texts -> texts.size() >= 2))
                .contains("1\nTraceback (most recent call last):");
        assertThat(Browser.consoleErrors(browser)).isEmpty();
    }

    @Test
    void aLineWrittenOnTheRemoteAppearsInFollowModeWithinThreeSeconds() throws Exception {
        open("follow?path=categorized%2Fclient%2Fclient-7.log");
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.cssSelector(".viewer-bar .badge")).getText().equals("live"));
        REMOTE.append("client-7.log", "\nplanted follow line\n");
        long written = System.nanoTime();
        mirror().syncNow();
        new WebDriverWait(browser, Duration.ofSeconds(3))
                .until(d -> d.findElement(By.cssSelector(".follow-log")).getText().contains("planted follow line"));
        long millis = (System.nanoTime() - written) / 1_000_000;
        assertThat(millis).as("from the remote write to the line on the page").isLessThan(3000);
        screenshot("follow");
        assertThat(Browser.consoleErrors(browser)).isEmpty();
    }

    @Test
    void aOneGigabyteFileOpensAtOnceAndScrollsToItsEnd() throws Exception {
        int lines = 10_737_419; // 100-byte lines: 1 GiB and a little
        byte[] big = new byte[lines * 100];
        byte[] line = new byte[100];
        java.util.Arrays.fill(line, (byte) 'x');
        line[99] = '\n';
        for (int i = 0; i < lines; i++) {
            byte[] number = String.format("%010d INFO ", i + 1).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(number, 0, line, 0, number.length);
            System.arraycopy(line, 0, big, i * 100, 100);
        }
        REMOTE.write("big/huge.log", big);
        big = null;
        mirror().syncNow();

        long start = System.nanoTime();
        open("view?path=logs%2Fbig%2Fhuge.log");
        String first = awaitText(By.cssSelector(".viewport .line .text"), text -> true);
        long openedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(first).startsWith("0000000001 INFO ");
        assertThat(openedMillis).as("from asking for the page to its first line on screen").isLessThan(1000);

        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector(".viewer-bar .muted[role=status]"))
                .getText().startsWith("10,737,419 lines"));
        browser.findElement(By.cssSelector(".viewport")).sendKeys(Keys.END);
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(".viewport .line .text"))
                .stream().anyMatch(e -> e.getText().startsWith("0010737419 INFO ")));
        screenshot("viewer-1gb");
        assertThat(Browser.consoleErrors(browser)).isEmpty();

        // The gigabyte leaves the remote and the mirror again (removal is the retention's way), so runs leave no trace.
        REMOTE.delete("big/huge.log");
        mirror().syncNow();
        assertThat(mirror().remove(mirror().store().find(LogPath.of("big/huge.log")).orElseThrow())).isTrue();
    }

    @Test
    void theErrorGroupsOpenTheViewerAtASampleLine() throws Exception {
        open("errors");
        WebElement sample = new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    d.navigate().refresh();
                    List<WebElement> links = d.findElements(By.cssSelector("tbody tr td a"));
                    return links.stream().filter(a -> a.getText().startsWith("orchestrator_job-5.err:")).findFirst()
                            .orElse(null);
                });
        screenshot("errors");
        sample.click();
        assertThat(awaitText(By.cssSelector(".viewport .line.current"), text -> true))
                .contains("Traceback (most recent call last):");
        assertThat(Browser.consoleErrors(browser)).isEmpty();
    }

    @Test
    void theJobsListAndAJobPageShowTheJobsFilesAndState() throws Exception {
        open("jobs");
        WebElement job = new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    d.navigate().refresh();
                    return d.findElements(By.cssSelector("tbody tr td a")).stream()
                            .filter(a -> a.getText().equals("100")).findFirst().orElse(null);
                });
        screenshot("jobs");
        job.click();
        assertThat(await(By.tagName("h1")).getText()).isEqualTo("Job 100");
        assertThat(browser.findElements(By.cssSelector("table a"))).extracting(WebElement::getText)
                .anyMatch(text -> text.endsWith("slurm-100.out"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("State: ");
        screenshot("job");
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
