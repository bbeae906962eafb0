package org.kioskops.hub.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a route delivers: a generic JSON webhook, a WeCom or DingTalk group robot, or email. */
public enum Channel {
    /** POST of the notice as JSON, signed with HMAC-SHA256 when the route has a secret. */
    WEBHOOK,
    /** WeCom (企业微信) group robot webhook, markdown message. */
    WECOM,
    /** DingTalk (钉钉) group robot webhook, markdown message, signed when the route has a secret. */
    DINGTALK,
    /** Email over SMTP ({@code quarkus.mailer.*}); the target is one or more addresses, comma separated. */
    EMAIL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> ofWire(String wire) {
        return Arrays.stream(values()).filter(c -> c.wire().equals(wire)).findFirst();
    }
}
