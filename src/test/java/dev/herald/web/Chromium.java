package dev.herald.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright: never downloads a browser (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD), runs
 * headless without a sandbox (root in CI), and saves screenshots under target/screenshots/.
 */
final class Chromium implements AutoCloseable {

    static final String EXECUTABLE = "/usr/bin/chromium";
    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final List<String> ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");

    private final Playwright playwright;
    private final Browser browser;

    Chromium() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(EXECUTABLE)).setHeadless(true).setArgs(ARGS));
    }

    /** A fresh browser profile (cookies of its own) at a laptop width. */
    BrowserContext laptop() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860));
    }

    /** A fresh browser profile at a phone width. */
    BrowserContext phone() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844)
                .setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true));
    }

    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
