package org.kioskops.hub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.alert.AlertRounds;
import org.kioskops.hub.support.DeviceMessages;
import org.kioskops.hub.support.GreenMailResource;
import org.kioskops.hub.support.NotificationsProfile;
import org.kioskops.hub.support.ShiftableClock;
import org.kioskops.hub.support.Sites;
import org.kioskops.hub.support.WebhookReceiver;
import org.kioskops.testing.MqttProbe;

/**
 * Alerts told to their owners: generic webhooks, WeCom and DingTalk robots (a local HTTP receiver plays them),
 * email through a real SMTP server; retries and the delivery log; escalation of alerts nobody acknowledges,
 * with the hub's clock moved forward by the test instead of waiting.
 */
@QuarkusTest
@TestProfile(NotificationsProfile.class)
class NotificationIT {
    private static final String ACTOR = "zhao.min@ops.example";
    private static final Instant BOOT = Instant.parse("2026-11-28T06:00:00Z");
    private static WebhookReceiver receiver;

    @Inject
    AlertRounds alertRounds;

    private final String run = Long.toString(System.nanoTime(), 36);
    private MqttProbe mqtt;
    private String site;

    @BeforeAll
    static void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void connect() {
        mqtt = MqttProbe.connect(ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class));
        site = Sites.chain("notify-" + run);
    }

    @AfterEach
    void disconnect() {
        mqtt.close();
    }

    @Test
    void an_alert_is_told_to_every_route_of_its_owner_when_it_opens_and_when_it_resolves() throws Exception {
        String owner = owner(null);
        route(owner, "webhook", receiver.url("/generic-" + run), "s3cret", null, false);
        route(owner, "wecom", receiver.url("/wecom-" + run + "?key=abc"), null, null, false);
        route(owner, "dingtalk", receiver.url("/ding-" + run + "?access_token=t"), "SECdemo", null, false);
        String mailbox = "duty-" + run + "@repair.example";
        route(owner, "email", mailbox, null, null, false);
        DeviceMessages kiosk = kiosk("dark");
        String id = run + "-dark";
        kiosk.loseConnection();

        await("opened notices").atMost(Duration.ofSeconds(20)).until(() -> receiver.at("/generic-" + run).size() == 1
                && receiver.at("/wecom-" + run).size() == 1 && receiver.at("/ding-" + run).size() == 1 && mails(mailbox).size() == 1);
        WebhookReceiver.Received generic = receiver.at("/generic-" + run).get(0);
        JsonPath notice = JsonPath.from(generic.body());
        assertThat(notice.getString("event")).isEqualTo("opened");
        assertThat(notice.getString("deviceId")).isEqualTo(id);
        assertThat(notice.getString("type")).isEqualTo("device_offline");
        assertThat(notice.getString("owner")).isEqualTo(owner);
        long alertId = notice.getLong("alertId");
        assertThat(notice.getString("link")).isEqualTo("https://ops.kioskops.example/alerts/" + alertId);
        assertThat(generic.header("X-KioskOps-Signature")).as("signed with the route's secret")
                .isEqualTo("sha256=" + HexFormat.of().formatHex(hmac("s3cret", generic.body())));
        assertThat(generic.header("X-KioskOps-Event")).isEqualTo("opened");

        JsonPath wecom = JsonPath.from(receiver.at("/wecom-" + run).get(0).body());
        assertThat(wecom.getString("msgtype")).isEqualTo("markdown");
        assertThat(wecom.getString("markdown.content")).contains("OPENED device_offline on " + id).contains(owner);
        WebhookReceiver.Received ding = receiver.at("/ding-" + run).get(0);
        assertThat(ding.query()).startsWith("access_token=t&timestamp=").contains("&sign=");
        assertThat(JsonPath.from(ding.body()).getString("markdown.title")).contains(id);
        MimeMessage mail = mails(mailbox).get(0);
        assertThat(mail.getSubject()).isEqualTo("[KioskOps] OPENED device_offline on " + id);
        assertThat(GreenMailUtil.getBody(mail)).contains("Owner: " + owner);

        kiosk.connect(BOOT, BOOT, null, 30);
        await("resolved notices").atMost(Duration.ofSeconds(20)).until(() -> receiver.at("/generic-" + run).size() == 2
                && mails(mailbox).size() == 2);
        assertThat(JsonPath.from(receiver.at("/generic-" + run).get(1).body()).getString("event")).isEqualTo("resolved");
        await("delivery log complete").atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deliveries(alertId))
                .extracting(d -> d.get("event") + "/" + d.get("channel") + "/" + d.get("status"))
                .containsExactlyInAnyOrder("opened/webhook/sent", "opened/wecom/sent", "opened/dingtalk/sent", "opened/email/sent",
                        "resolved/webhook/sent", "resolved/wecom/sent", "resolved/dingtalk/sent", "resolved/email/sent"));
    }

    @Test
    void a_failing_receiver_is_tried_again_and_one_that_refuses_fails_at_once_until_retried_by_hand() {
        String owner = owner(null);
        receiver.answer("/flaky-" + run, 503, "busy").answer("/flaky-" + run, 502, "busy");
        receiver.answer("/gone-" + run, 404, "no such hook");
        receiver.answer("/robot-" + run, 200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
        route(owner, "webhook", receiver.url("/flaky-" + run), null, null, false);
        long gone = route(owner, "webhook", receiver.url("/gone-" + run), null, null, false);
        route(owner, "wecom", receiver.url("/robot-" + run), null, null, false);
        kiosk("flaky").loseConnection();

        await("third attempt succeeds").atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/flaky-" + run).size() == 3
                && receiver.at("/robot-" + run).size() == 2);
        assertThat(receiver.at("/flaky-" + run)).extracting(r -> r.header("X-KioskOps-Delivery")).as("one delivery id across retries")
                .containsOnly(receiver.at("/flaky-" + run).get(0).header("X-KioskOps-Delivery"));
        long alertId = JsonPath.from(receiver.at("/flaky-" + run).get(0).body()).getLong("alertId");
        await("outcomes recorded").atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deliveries(alertId))
                .extracting(d -> d.get("target") + " " + d.get("status") + " " + d.get("attempts"))
                .containsExactlyInAnyOrder(receiver.url("/flaky-" + run) + " sent 3", receiver.url("/gone-" + run) + " failed 1",
                        receiver.url("/robot-" + run) + " sent 2"));
        Map<String, Object> failed = deliveries(alertId).stream().filter(d -> "failed".equals(d.get("status"))).findFirst().orElseThrow();
        assertThat((String) failed.get("lastError")).contains("HTTP 404").contains("no such hook");
        assertThat(given().queryParam("status", "failed").get("/api/notifications").then().statusCode(200).extract().jsonPath()
                .getList("id")).contains(failed.get("id"));

        given().header("X-KioskOps-Actor", ACTOR).post("/api/notifications/" + failed.get("id") + "/retry").then().statusCode(200)
                .body("status", equalTo("pending")).body("attempts", equalTo(0));
        await("sent on the retry").atMost(Duration.ofSeconds(15)).until(() -> receiver.at("/gone-" + run).size() == 2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deliveries(alertId))
                .filteredOn(d -> d.get("routeId") != null && ((Number) d.get("routeId")).longValue() == gone)
                .extracting(d -> d.get("status")).containsExactly("sent"));
        given().get("/q/metrics").then().body(Matchers.containsString("kioskops_notifications_total"));
    }

    @Test
    void an_alert_nobody_acknowledges_escalates_step_by_step_and_acknowledging_stops_it() {
        String owner = owner(30);
        route(owner, "webhook", receiver.url("/duty-" + run), null, null, false);
        long supervisor = route(owner, "webhook", receiver.url("/supervisor-" + run), null, null, true);
        long director = route(owner, "webhook", receiver.url("/director-" + run), null, 120, false);
        kiosk("unattended").loseConnection();
        await("opened").atMost(Duration.ofSeconds(20)).until(() -> receiver.at("/duty-" + run).size() == 1);
        long alertId = JsonPath.from(receiver.at("/duty-" + run).get(0).body()).getLong("alertId");
        alertRounds.evaluate();
        assertThat(deliveries(alertId)).as("escalation steps hear nothing yet").extracting(d -> d.get("routeId"))
                .doesNotContain((int) supervisor, (int) director);

        ShiftableClock.advance(Duration.ofMinutes(31));
        alertRounds.evaluate();
        given().get("/api/alerts/" + alertId).then().body("escalationLevel", equalTo(1)).body("responseOverdue", equalTo(true));
        await("supervisor told").atMost(Duration.ofSeconds(15)).until(() -> receiver.at("/supervisor-" + run).size() == 1);
        assertThat(JsonPath.from(receiver.at("/supervisor-" + run).get(0).body()).getString("event")).isEqualTo("escalated");
        assertThat(deliveries(alertId)).extracting(d -> d.get("routeId")).doesNotContain((int) director);

        given().header("X-KioskOps-Actor", ACTOR).post("/api/alerts/" + alertId + "/acknowledge").then().statusCode(200);
        await("duty and supervisor hear it is handled").atMost(Duration.ofSeconds(15))
                .until(() -> receiver.at("/duty-" + run).size() == 2 && receiver.at("/supervisor-" + run).size() == 2);
        assertThat(JsonPath.from(receiver.at("/supervisor-" + run).get(1).body()).getString("actor")).isEqualTo(ACTOR);

        ShiftableClock.advance(Duration.ofMinutes(120));
        alertRounds.evaluate();
        assertThat(deliveries(alertId)).as("an acknowledged alert escalates no further").extracting(d -> d.get("routeId"))
                .doesNotContain((int) director);
        given().get("/api/alerts/" + alertId).then().body("escalationLevel", equalTo(1));
        assertThat(given().queryParam("target", "alert:" + alertId).get("/api/audit").then().extract().jsonPath().getList("action"))
                .containsExactly("alert.acknowledged", "alert.escalated");
    }

    @Test
    void an_alert_can_be_given_to_a_person_or_to_another_organisation_which_is_then_told() {
        String owner = owner(null);
        String other = "Shunfeng Field Service " + run;
        route(other, "webhook", receiver.url("/other-" + run), null, null, false);
        kiosk("handover").loseConnection();
        String id = run + "-handover";
        await("alert").atMost(Duration.ofSeconds(20)).until(() -> !given().queryParam("device", id).get("/api/alerts").then().extract()
                .jsonPath().getList("id").isEmpty());
        long alertId = given().queryParam("device", id).get("/api/alerts").then().extract().jsonPath().getLong("[0].id");
        given().contentType("application/json").body(Map.of()).post("/api/alerts/" + alertId + "/assign").then().statusCode(400);

        given().contentType("application/json").header("X-KioskOps-Actor", ACTOR).body(Map.of("assignee", "Liu Yang"))
                .post("/api/alerts/" + alertId + "/assign").then().statusCode(200).body("assignee", equalTo("Liu Yang"))
                .body("owner", equalTo(owner));
        given().contentType("application/json").header("X-KioskOps-Actor", ACTOR).body(Map.of("organisation", other))
                .post("/api/alerts/" + alertId + "/assign").then().statusCode(200).body("owner", equalTo(other));
        await("the new owner is told").atMost(Duration.ofSeconds(15)).until(() -> receiver.at("/other-" + run).size() == 1);
        assertThat(JsonPath.from(receiver.at("/other-" + run).get(0).body()).getString("note")).isEqualTo("assigned to " + other);
        assertThat(given().queryParam("target", "alert:" + alertId).get("/api/audit").then().extract().jsonPath().getList("action"))
                .containsExactly("alert.assigned", "alert.assigned");
    }

    @Test
    void routes_are_checked_kept_secret_tested_and_audited() {
        String organisation = "Route Check " + run;
        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("organisation", organisation, "channel", "pager", "target", "http://127.0.0.1/x"),
                Map.<String, Object>of("organisation", organisation, "channel", "webhook", "target", "ftp://127.0.0.1/x"),
                Map.<String, Object>of("organisation", organisation, "channel", "email", "target", "not-an-address"),
                Map.<String, Object>of("organisation", organisation, "channel", "webhook", "target", "http://127.0.0.1/x",
                        "escalateAfterMinutes", 10, "escalateWhenOverdue", true),
                Map.<String, Object>of("channel", "webhook", "target", "http://127.0.0.1/x"))) {
            given().contentType("application/json").body(bad).post("/api/notification-routes").then().statusCode(400)
                    .body("code", equalTo("invalid_route"));
        }
        long id = route(organisation, "webhook", receiver.url("/check-" + run), "hidden", null, false);
        given().queryParam("organisation", organisation).get("/api/notification-routes").then().statusCode(200)
                .body("[0].signed", equalTo(true)).body("[0].secret", Matchers.nullValue())
                .body(Matchers.not(Matchers.containsString("hidden")));

        given().header("X-KioskOps-Actor", ACTOR).post("/api/notification-routes/" + id + "/test").then().statusCode(202)
                .body("event", equalTo("test"));
        await("test notice").atMost(Duration.ofSeconds(15)).until(() -> receiver.at("/check-" + run).size() == 1);
        assertThat(JsonPath.from(receiver.at("/check-" + run).get(0).body()).getString("detail")).contains(ACTOR);

        given().header("X-KioskOps-Actor", ACTOR).delete("/api/notification-routes/" + id).then().statusCode(204);
        given().delete("/api/notification-routes/" + id).then().statusCode(404).body("code", equalTo("route_not_found"));
        assertThat(given().queryParam("target", "organisation:" + organisation).get("/api/audit").then().extract().jsonPath().getList("action"))
                .containsExactly("route.removed", "route.tested", "route.added");
    }

    /** Sets a hardware owner named after the run at the district; returns its name. */
    private String owner(Integer responseTargetMinutes) {
        String owner = "Anxin Repair " + run;
        Map<String, Object> body = new HashMap<>();
        body.put("organisation", owner);
        if (responseTargetMinutes != null) {
            body.put("responseTargetMinutes", responseTargetMinutes);
        }
        given().contentType("application/json").header("X-KioskOps-Actor", ACTOR).body(body)
                .put("/api/sites/" + site.replace("-site", "-district") + "/owners/hardware").then().statusCode(200);
        return owner;
    }

    private static long route(String organisation, String channel, String target, String secret, Integer afterMinutes, boolean whenOverdue) {
        Map<String, Object> body = new HashMap<>();
        body.put("organisation", organisation);
        body.put("channel", channel);
        body.put("target", target);
        body.put("secret", secret);
        body.put("escalateAfterMinutes", afterMinutes);
        body.put("escalateWhenOverdue", whenOverdue);
        return given().contentType("application/json").header("X-KioskOps-Actor", ACTOR).body(body).post("/api/notification-routes")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private DeviceMessages kiosk(String name) {
        String id = run + "-" + name;
        Sites.register(id, site);
        return new DeviceMessages(id, mqtt).at(ShiftableClock.now()).connect(BOOT, BOOT, null, 30);
    }

    private static List<Map<String, Object>> deliveries(long alertId) {
        return given().get("/api/alerts/" + alertId + "/notifications").then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static List<MimeMessage> mails(String to) {
        return Arrays.stream(GreenMailResource.server().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(to));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    private static byte[] hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
    }
}
