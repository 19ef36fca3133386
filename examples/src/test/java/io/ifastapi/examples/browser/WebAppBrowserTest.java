package io.ifastapi.examples.browser;

import io.ifastapi.IFastAPI;
import io.ifastapi.examples.WebApp;
import io.ifastapi.http.Response;
import io.ifastapi.server.Server;
import io.ifastapi.server.ServerConfig;
import io.ifastapi.tls.TestCertificates;
import io.ifastapi.tls.TlsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login app (examples' WebApp) in headless Chromium, for each session backend: log in, see the flash, fill the
 * cart, reload, log out, press back; what the browser stored; the session id renewed at login; and a form on
 * another site posting to the app, refused; and the same walk over HTTPS (SSL_CERTFILE), where the session cookie is
 * Secure. Each page is saved as a PNG under {@code target/screenshots/} for review.
 */
@ExtendWith(ChromiumExtension.class)
class WebAppBrowserTest {
    static final String SECRET_KEY = "6f1c2a9be04d7783c51e9f0a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration WAIT = Duration.ofSeconds(20);

    static Browser browser;
    static final Map<String, Server> apps = new LinkedHashMap<>();
    /** The attacker's site: another port, reached as localhost while the app is 127.0.0.1 (another site). */
    static Server attacker;
    static final List<Thread> stopping = new ArrayList<>();

    @BeforeAll
    static void start(Browser client) {
        browser = client;
        for (String backend : new String[] {"cookie", "encrypted", "memory"}) {
            IFastAPI app = WebApp.create(Map.of("SECRET_KEY", SECRET_KEY, "SESSION_BACKEND", backend));
            apps.put(backend, app.start(ServerConfig.defaults().port(0)));
        }
        // The app as `SSL_CERTFILE=... SSL_KEYFILE=... java -jar ifastapi-webapp.jar` runs it (the test certificate).
        TestCertificates certs = TlsClients.certificates();
        Map<String, String> https = Map.of("SECRET_KEY", SECRET_KEY, "SSL_CERTFILE", certs.certFile().toString(),
                "SSL_KEYFILE", certs.keyFile().toString());
        apps.put("https", WebApp.create(https).start(ServerConfig.fromEnvironment(https).port(0)));
        IFastAPI evil = new IFastAPI();
        // A page that posts to the app's cart: the target comes in the query (?to=http://127.0.0.1:port/cart/add).
        evil.get("/win-a-prize", request -> Response.html("""
                <!doctype html><title>You won!</title><h1>You won a prize</h1>
                <form id="prize" method="post" action="%s">
                  <input type="hidden" name="product" value="cake">
                  <input type="hidden" name="csrf_token" value="guessed">
                  <button id="claim">Claim it</button>
                </form>""".formatted(request.queryParam("to").replace("\"", ""))));
        attacker = evil.start(ServerConfig.defaults().port(0));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        apps.values().forEach(s -> stopping.add(Thread.ofVirtual().start(s::stop)));
        stopping.add(Thread.ofVirtual().start(attacker::stop));
        for (Thread t : stopping) {
            t.join();
        }
    }

    @BeforeEach
    void noCookies() {
        browser.navigate("about:blank");
        browser.clearAllCookies();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cookie", "encrypted", "memory"})
    void loginCartReloadLogoutBack(String backend) throws Exception {
        walk(backend, "http://127.0.0.1:" + apps.get(backend).port(), false);
    }

    /** Over HTTPS the same walk works, and the session cookie the browser stored is Secure (as well as HttpOnly, Lax). */
    @Test
    void overHttpsTheSessionCookieIsSecure() throws Exception {
        walk("https", "https://127.0.0.1:" + apps.get("https").port(), true);
    }

    /** Home, login, cart, reload, profile, logout, back; {@code secure}: whether the session cookie must be Secure. */
    static void walk(String backend, String base, boolean secure) throws Exception {

        browser.navigate(base + "/");
        assertThat(browser.driver().getTitle()).isEqualTo("Shop · iFastAPI shop");
        // the stylesheet from StaticFiles applied: the header has the accent colour
        assertThat(browser.executeScript("return getComputedStyle(document.querySelector('header')).backgroundColor"))
                .isEqualTo("rgb(15, 118, 110)");
        shot(backend, "1-home");

        // a private page sends the visitor to the login form, remembering where they were going
        browser.navigate(base + "/cart");
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(base + "/login?next=%2Fcart");
        String beforeLogin = browser.cookie("session").orElseThrow().getValue(); // the login form's CSRF secret
        shot(backend, "2-login");

        browser.driver().findElement(By.id("username")).sendKeys("alice");
        browser.driver().findElement(By.id("password")).sendKeys("wonderland");
        click("login", base + "/cart");
        assertThat(browser.pageText()).contains("Welcome back, Alice Liddell!").contains("Your cart is empty.");
        Cookie session = browser.cookie("session").orElseThrow();
        // a new session at login: the cookie changed (for the memory store, the signed id inside it)
        assertThat(session.getValue()).isNotEqualTo(beforeLogin);
        // what the browser stored: HttpOnly (scripts cannot read it), SameSite=Lax, Path=/, host-only. Secure over
        // https (the app sets httpsOnly when SSL_CERTFILE is set); over plain http not, or the browser would drop it.
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat(session.getPath()).isEqualTo("/");
        assertThat(session.getDomain()).isEqualTo("127.0.0.1");
        assertThat(session.isSecure()).isEqualTo(secure);
        assertThat(browser.driver().getCurrentUrl()).startsWith(secure ? "https://" : "http://");
        // and as Chromium's own cookie store (DevTools) records it: set by a secure (https) or plain page
        Map<?, ?> stored = storedCookie("session");
        assertThat(stored.get("secure")).isEqualTo(secure);
        assertThat(stored.get("httpOnly")).isEqualTo(true);
        assertThat(stored.get("sameSite")).isEqualTo("Lax");
        assertThat(stored.get("sourceScheme")).isEqualTo(secure ? "Secure" : "NonSecure");
        assertThat(browser.documentCookie()).isEmpty();
        shot(backend, "3-cart-empty-after-login");

        click("add-tea", base + "/cart");
        click("add-tea", base + "/cart");
        click("add-cake", base + "/cart");
        assertThat(browser.pageText()).contains("Added Lemon cake to your cart.");
        assertThat(quantity("tea")).isEqualTo("2");
        assertThat(browser.driver().findElement(By.id("cart-total")).getText()).isEqualTo("€17.25");
        shot(backend, "4-cart");

        // reload: the cart is still there (it is in the session), the flash is gone (shown once), nothing re-posted
        browser.driver().navigate().refresh();
        waitFor(() -> browser.executeScript("return document.readyState").equals("complete"));
        assertThat(quantity("tea")).isEqualTo("2");
        assertThat(browser.pageText()).doesNotContain("Added Lemon cake");
        click("remove-tea", base + "/cart");
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-product=tea]"))).isEmpty();
        assertThat(quantity("cake")).isEqualTo("1");

        browser.navigate(base + "/profile");
        assertThat(browser.pageText()).contains("alice@example.com");
        shot(backend, "5-profile");
        String loggedIn = browser.cookie("session").orElseThrow().getValue();

        click("logout", base + "/login");
        assertThat(browser.pageText()).contains("You have been logged out.").doesNotContain("Alice");
        // the logged-in session is over: the cookie now holds only the logout flash (a new session), or is gone
        assertThat(browser.cookie("session").map(Cookie::getValue)).isNotEqualTo(java.util.Optional.of(loggedIn));
        shot(backend, "6-logged-out");

        // back to the profile: not kept by the browser (no-store), fetched again, and the server says log in
        browser.driver().navigate().back();
        waitFor(() -> browser.driver().getCurrentUrl().startsWith(base + "/login")
                && browser.executeScript("return document.readyState").equals("complete"));
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(base + "/login?next=%2Fprofile");
        assertThat(browser.pageText()).doesNotContain("alice@example.com").doesNotContain("Alice");
        shot(backend, "7-back-after-logout");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cookie", "memory"})
    void aFormOnAnotherSiteCannotPostToTheCart(String backend) throws Exception {
        String base = "http://127.0.0.1:" + apps.get(backend).port();
        browser.navigate(base + "/login");
        browser.driver().findElement(By.id("username")).sendKeys("alice");
        browser.driver().findElement(By.id("password")).sendKeys("wonderland");
        click("login", base + "/profile");

        // the attacker's page, from another origin (and site): http://localhost:<other port>
        String evil = "http://localhost:" + attacker.port() + "/win-a-prize?to=" + base + "/cart/add";
        browser.navigate(evil);
        shot(backend, "8-cross-site-form");
        browser.driver().findElement(By.id("claim")).click();
        waitFor(() -> browser.driver().getCurrentUrl().equals(base + "/cart/add")
                && browser.executeScript("return document.readyState").equals("complete"));

        assertThat(browser.status()).isEqualTo(403);
        assertThat(browser.pageText()).contains("403")
                .contains("Cross-origin request refused: http://localhost:" + attacker.port()
                        + " is not this site nor a trusted origin");
        shot(backend, "9-cross-site-refused");
        // and nothing was added
        browser.navigate(base + "/cart");
        assertThat(browser.pageText()).contains("Your cart is empty.");
    }

    // ----- helpers -----

    /** Clicks a button and waits for the page it leads to (a form post answered by a redirect). */
    static void click(String id, String expectedUrl) {
        Object before = browser.executeScript("return performance.timeOrigin");
        browser.driver().findElement(By.id(id)).click();
        waitFor(() -> !before.equals(browser.executeScript("return performance.timeOrigin"))
                && browser.executeScript("return document.readyState").equals("complete"));
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(expectedUrl);
    }

    /** A cookie as Chromium stores it (DevTools Network.getAllCookies), with what WebDriver does not show. */
    static Map<?, ?> storedCookie(String name) {
        List<?> all = (List<?>) browser.driver().executeCdpCommand("Network.getAllCookies", Map.of()).get("cookies");
        return all.stream().map(c -> (Map<?, ?>) c).filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in the browser: " + all));
    }

    static String quantity(String product) {
        return browser.driver().findElement(By.cssSelector("tr[data-product=" + product + "] .quantity")).getText();
    }

    static void waitFor(Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (RuntimeException navigating) {
                // the page is being replaced; ask again
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + WAIT + " on " + browser.driver().getCurrentUrl());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static void shot(String backend, String name) throws Exception {
        Path png = browser.saveScreenshot(SCREENSHOTS.resolve("webapp-" + backend + "-" + name + ".png"));
        assertThat(Files.size(png)).isGreaterThan(3_000);
    }
}
