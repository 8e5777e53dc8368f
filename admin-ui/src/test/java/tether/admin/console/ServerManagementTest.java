package tether.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tether.admin.TestAdmin;
import tether.admin.engine.AdminException;
import tether.admin.engine.AdminState;
import tether.admin.engine.ReloadReport;

/**
 * Maintenance, adding and removing servers, the routes, the configuration reload and the audit log,
 * with the API's refusals.
 */
class ServerManagementTest extends ConsoleTest {

  @BeforeEach
  void signIn() {
    page.signInWith(TestAdmin.OPERATOR);
  }

  @Test
  void disablesEnablesAndClearsTheStateOverride() {
    page.action("b", "disable").click();
    page.awaitTextInCard("b", "[data-role=state]", "maintenance");
    assertThat(admin.engine.server("web", "b").state()).isEqualTo(AdminState.MAINTENANCE);
    assertThat(page.inCard("b", ".server-head .override").isDisplayed()).isTrue();
    assertThat(page.action("b", "disable").isDisplayed()).isFalse();
    assertThat(page.figure("b", "effectiveWeight")).isEqualTo("0");

    page.action("b", "enable").click();
    page.awaitTextInCard("b", "[data-role=state]", "active");
    assertThat(admin.engine.server("web", "b").state()).isEqualTo(AdminState.ACTIVE);

    page.action("b", "disable").click();
    page.awaitTextInCard("b", "[data-role=state]", "maintenance");
    page.action("b", "clear-state").click();
    page.awaitTextInCard("b", "[data-role=state]", "active");
    assertThat(page.inCard("b", ".server-head .override").isDisplayed()).isFalse();
    assertThat(admin.engine.server("web", "b").overridden().state()).isFalse();
  }

  @Test
  void addsAServerAfterShowingWhatWasWrong() {
    page.driver().findElement(By.cssSelector("section.pool [data-action=add]")).click();
    WebElement dialog = page.dialog("add");
    ConsolePage.type(dialog.findElement(By.name("id")), "c");
    ConsolePage.type(dialog.findElement(By.name("address")), "nowhere");
    dialog.findElement(By.cssSelector("button[type=submit]")).click();

    page.awaitText(By.id("add-error"), "400: address: nowhere (expected: host:port)");
    assertThat(dialog.findElement(By.name("address")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(dialog.findElement(By.name("id")).getAttribute("aria-invalid")).isNull();

    ConsolePage.type(dialog.findElement(By.name("address")), "10.0.0.3:8080");
    ConsolePage.type(dialog.findElement(By.name("weight")), "5");
    ConsolePage.type(dialog.findElement(By.name("route")), "node-c");
    dialog.findElement(By.cssSelector("button[type=submit]")).click();
    page.awaitDialogClosed("add");

    page.awaitTextInCard("c", ".address", "10.0.0.3:8080 · route node-c");
    page.awaitFigure("c", "configuredWeight", "5");
    assertThat(admin.engine.server("web", "c").route()).isEqualTo("node-c");
  }

  @Test
  void showsAConflictInTheAddDialog() {
    page.driver().findElement(By.cssSelector("section.pool [data-action=add]")).click();
    WebElement dialog = page.dialog("add");
    ConsolePage.type(dialog.findElement(By.name("id")), "a");
    ConsolePage.type(dialog.findElement(By.name("address")), "10.0.0.9:80");
    dialog.findElement(By.cssSelector("button[type=submit]")).click();

    page.awaitText(By.id("add-error"), "409: id: a (expected: an id not in pool web)");
    assertThat(dialog.isDisplayed()).isTrue();
  }

  @Test
  void offersForceOnlyAfterTheApiRefusesARemoval() {
    admin.engine.inFlight("web", "b", 2);
    page.action("b", "remove").click();
    WebElement dialog = page.dialog("remove");
    WebElement force = dialog.findElement(By.id("remove-force"));
    assertThat(force.isDisplayed()).isFalse();

    dialog.findElement(By.cssSelector("button[data-force=false]")).click();
    WebElement error = page.awaitText(By.id("remove-error"), "409: server: b is active with 2 in flight");
    assertThat(error.getAttribute("aria-live")).isEqualTo("assertive");
    assertThat(force.isDisplayed()).isTrue();
    assertThat(admin.engine.pool("web").servers()).hasSize(2);

    force.click();
    page.awaitDialogClosed("remove");
    page.awaitServerGone("b");
    assertThat(admin.engine.pool("web").servers()).extracting("id").containsExactly("a");
    // The focus went somewhere sensible rather than to the page itself.
    assertThat(page.focused().getAttribute("id")).isEqualTo("pool--web-title");
  }

  @Test
  void replacesTheRoutesAfterShowingEveryProblem() {
    page.awaitText(By.id("routes-json"), "\"pool\": \"web\"");
    page.driver().findElement(By.id("routes-edit")).click();
    WebElement text = page.awaitShown(By.id("routes-text"));
    assertThat(text.getAttribute("value")).contains("\"host\": \"*\"");

    ConsolePage.type(text, "{\"rules\":[{\"host\":\"x\",\"pool\":\"nope\"},{\"host\":\"y\",\"pool\":\"nada\"}]}");
    page.driver().findElement(By.cssSelector("#routes-form button[type=submit]")).click();
    WebElement error = page.awaitText(By.id("routes-error"), "routes: 2 problems");
    assertThat(error.findElements(By.tagName("li"))).extracting(WebElement::getText).containsExactly(
        "rules[0].pool: nope (expected: one of [web])", "rules[1].pool: nada (expected: one of [web])");
    assertThat(text.getAttribute("aria-invalid")).isEqualTo("true");

    ConsolePage.type(text, "{\"rules\":[{\"host\":\"shop.example\",\"pool\":\"web\"}]}");
    page.driver().findElement(By.cssSelector("#routes-form button[type=submit]")).click();
    page.awaitText(By.id("routes-json"), "shop.example");
    page.awaitText(By.id("routes-status"), "Routes replaced.");
    assertThat(admin.engine.routes().toString()).contains("shop.example");

    WebElement useConfigured = page.awaitShown(By.id("routes-clear"));
    useConfigured.click();
    page.awaitText(By.id("routes-status"), "The configured routes apply again.");
    assertThat(useConfigured.isDisplayed()).isFalse();
    assertThat(page.driver().findElement(By.id("routes-json")).getText()).doesNotContain("shop.example");
    assertThat(admin.engine.routes().get("source")).isEqualTo("config");
  }

  @Test
  void setsTheWeightsOfASplitWithoutEditingTheTable() {
    admin.engine.addPool("canary", "c", "10.0.0.3:8080");
    admin.engine.replaceRoutes("{\"rules\":[{\"name\":\"roll-out\",\"prefix\":\"/\",\"split\":["
        + "{\"pool\":\"web\",\"weight\":90},{\"pool\":\"canary\",\"weight\":10}]}]}");
    page.driver().findElement(By.id("routes-reload")).click();
    page.awaitText(By.id("split--0--title"), "Split roll-out");
    WebElement web = page.driver().findElement(By.id("split--0--0"));
    WebElement canary = page.driver().findElement(By.id("split--0--1"));
    assertThat(web.getAttribute("value")).isEqualTo("90");
    assertThat(page.driver().findElement(By.cssSelector("label[for='split--0--1']")).getText())
        .isEqualTo("Weight of pool canary");

    ConsolePage.type(canary, "lots");
    page.driver().findElement(By.id("split--0--set")).click();
    page.awaitText(By.id("routes-error"), "rules[0].split[1].weight: lots (expected: a whole number >= 0)");
    assertThat(page.driver().findElement(By.id("split--0--1")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(page.driver().findElement(By.id("split--0--1")).getAttribute("aria-describedby")).isEqualTo("routes-error");

    ConsolePage.type(page.driver().findElement(By.id("split--0--0")), "50");
    ConsolePage.type(page.driver().findElement(By.id("split--0--1")), "50");
    page.driver().findElement(By.id("split--0--set")).click();
    page.awaitText(By.id("routes-status"), "Split weights set.");
    assertThat(page.driver().findElement(By.id("routes-error")).isDisplayed()).isFalse();
    assertThat(admin.engine.routes().toString())
        .contains("{pool=web, weight=50}, {pool=canary, weight=50}").contains("name=roll-out");
    assertThat(page.driver().findElement(By.id("split--0--1")).getAttribute("value")).isEqualTo("50");
    assertThat(page.focused().getAttribute("id")).isEqualTo("split--0--set");
  }

  @Test
  void setsNoWeightsOverRoutesThatChangedSinceTheyWereShown() {
    admin.engine.addPool("canary", "c", "10.0.0.3:8080");
    String split = "{\"name\":\"roll-out\",\"prefix\":\"/\",\"split\":["
        + "{\"pool\":\"web\",\"weight\":90},{\"pool\":\"canary\",\"weight\":10}]}";
    admin.engine.replaceRoutes("{\"rules\":[" + split + "]}");
    page.driver().findElement(By.id("routes-reload")).click();
    page.awaitText(By.id("split--0--title"), "Split roll-out");
    // Meanwhile a script puts a rule first: the split is rule 1 now.
    admin.engine.replaceRoutes("{\"rules\":[{\"prefix\":\"/api\",\"pool\":\"web\"}," + split + "]}");

    ConsolePage.type(page.driver().findElement(By.id("split--0--1")), "100");
    page.driver().findElement(By.id("split--0--set")).click();
    page.awaitText(By.id("routes-error"), "The routes changed since they were shown");
    assertThat(admin.engine.routes().toString()).contains("/api", "weight=10");
    page.awaitText(By.id("split--1--title"), "Split roll-out");
    assertThat(page.driver().findElements(By.id("split--0--title"))).isEmpty();
  }

  @Test
  void reloadsTheConfigurationAndShowsTheReportOrTheProblems() {
    page.awaitText(By.id("routes-source"), "These are the rules of the configuration file.");
    assertThat(page.driver().findElement(By.id("routes-clear")).isDisplayed()).isFalse();
    admin.engine.reloadAnswers(new ReloadReport(List.of("pool web: server s4 added"),
        List.of("pool web: server b weight: the run-time value 5 wins"), List.of()));
    WebElement reload = page.driver().findElement(By.id("config-reload"));
    reload.click();

    WebElement report = page.awaitText(By.id("config-report"), "pool web: server s4 added");
    assertThat(report.findElement(By.cssSelector("[data-group=kept] li")).getText())
        .isEqualTo("pool web: server b weight: the run-time value 5 wins");
    assertThat(report.findElement(By.cssSelector("[data-group=restartNeeded]")).getText())
        .isEqualTo("Needs a restart (0)\nNone.");
    page.awaitText(By.cssSelector("#audit-rows tr"), "POST /api/reload");

    admin.engine.reloadRefuses(AdminException.badRequest("config", List.of(
        "tether.conf:3: pools: missing (expected: at least one pool)", "tether.conf:9: admin.port: x (expected: a port)")));
    reload.click();
    WebElement error = page.awaitText(By.id("config-error"), "400: config: 2 problems");
    assertThat(error.getText()).startsWith("Nothing was reloaded.");
    assertThat(error.findElements(By.tagName("li"))).extracting(WebElement::getText).containsExactly(
        "tether.conf:3: pools: missing (expected: at least one pool)", "tether.conf:9: admin.port: x (expected: a port)");
    assertThat(report.isDisplayed()).isFalse();
    assertThat(page.focused()).isEqualTo(reload);
  }

  @Test
  void listsChangesInTheAuditLog() {
    ConsolePage.type(page.inCard("a", ".weight-form input"), "12");
    page.inCard("a", ".weight-form button").click();
    page.awaitFigure("a", "configuredWeight", "12");

    WebElement row = page.awaitText(By.cssSelector("#audit-rows tr"), "PUT /api/pools/web/servers/a/weight");
    assertThat(row.getText()).contains("alice").contains("session").contains("{\"weight\":12}");
  }
}
