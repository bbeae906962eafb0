package org.kioskops.hub.notify.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.kioskops.hub.notify.Channel;
import org.kioskops.hub.notify.Notice;
import org.kioskops.hub.notify.NotificationConfig;
import org.kioskops.hub.notify.NotificationSender;

/**
 * Webhooks over HTTP: the notice as JSON for any receiver, or a markdown message in the format of a WeCom or
 * DingTalk group robot. A receiver's 4xx (other than 408 and 429) will not change on retry and fails the
 * notification at once; network errors and 5xx are tried again. The robots answer 200 with an
 * {@code errcode}; only the codes known to be permanent (bad robot URL or token, failed signature or
 * keyword check) fail at once.
 */
@ApplicationScoped
public class WebhookSender implements NotificationSender {
    /** WeCom 93000: invalid webhook URL; DingTalk 300001: bad token, 310000: signature or keyword check failed. */
    private static final Set<Integer> PERMANENT_ROBOT_ERRORS = Set.of(93000, 300001, 310000);

    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    public WebhookSender(NotificationConfig config, ObjectMapper json, Clock clock) {
        this.timeout = config.timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.json = json;
        this.clock = clock;
    }

    @Override
    public boolean handles(Channel channel) {
        return channel == Channel.WEBHOOK || channel == Channel.WECOM || channel == Channel.DINGTALK;
    }

    @Override
    public void send(Channel channel, String target, String secret, Notice notice, long deliveryId) throws DeliveryException {
        String body;
        String url = target;
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(timeout).header("Content-Type", "application/json; charset=utf-8");
        try {
            switch (channel) {
                case WEBHOOK -> {
                    body = json.writeValueAsString(notice);
                    request.header("X-KioskOps-Event", notice.event()).header("X-KioskOps-Delivery", Long.toString(deliveryId));
                    if (secret != null) {
                        request.header("X-KioskOps-Signature", "sha256=" + HexFormat.of().formatHex(hmac(secret, body)));
                    }
                }
                case WECOM -> body = json.writeValueAsString(Map.of("msgtype", "markdown", "markdown", Map.of("content", notice.text(true))));
                case DINGTALK -> {
                    body = json.writeValueAsString(Map.of("msgtype", "markdown",
                            "markdown", Map.of("title", notice.title(), "text", notice.text(true).replace("\n", "\n\n"))));
                    if (secret != null) {
                        url = dingTalkSigned(target, secret, clock.millis());
                    }
                }
                default -> throw new DeliveryException("not a webhook channel: " + channel, Retry.NEVER);
            }
        } catch (JsonProcessingException e) {
            throw new DeliveryException("the notice could not be written: " + e.getOriginalMessage(), Retry.NEVER);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.uri(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DeliveryException("no answer from the receiver: " + e, Retry.LATER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", Retry.LATER);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
            throw new DeliveryException("HTTP " + status + ": " + abbreviate(response.body()), permanent ? Retry.NEVER : Retry.LATER);
        }
        if (channel != Channel.WEBHOOK) {
            checkRobotAnswer(response.body());
        }
    }

    private void checkRobotAnswer(String answer) throws DeliveryException {
        JsonNode node;
        try {
            node = json.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new DeliveryException("the robot's answer is not JSON: " + abbreviate(answer), Retry.LATER);
        }
        int code = node.path("errcode").asInt(-1);
        if (code != 0) {
            throw new DeliveryException("robot errcode " + code + ": " + node.path("errmsg").asText(""),
                    PERMANENT_ROBOT_ERRORS.contains(code) ? Retry.NEVER : Retry.LATER);
        }
    }

    /** DingTalk's signature: HMAC-SHA256 of "timestamp\nsecret" with the secret, Base64, URL-encoded. */
    static String dingTalkSigned(String url, String secret, long timestampMillis) {
        String sign = Base64.getEncoder().encodeToString(hmac(secret, timestampMillis + "\n" + secret));
        return url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestampMillis + "&sign="
                + URLEncoder.encode(sign, StandardCharsets.UTF_8);
    }

    private static byte[] hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
