package org.kioskops.hub.notify.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSenderTest {
    @Test
    void signs_dingtalk_urls_as_the_robot_expects() {
        // expected value computed independently: base64(HMAC-SHA256("SECdemo", "1732780800000\nSECdemo")), URL-encoded
        assertThat(WebhookSender.dingTalkSigned("https://oapi.dingtalk.com/robot/send?access_token=t", "SECdemo", 1732780800000L))
                .isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1732780800000"
                        + "&sign=8%2B31a9n8UCJOLFededIZYnPfBl8SEtJERGXmkm23LRw%3D");
    }
}
