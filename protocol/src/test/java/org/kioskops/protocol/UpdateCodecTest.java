package org.kioskops.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UpdateCodecTest {
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private final ProtocolCodec codec = new ProtocolCodec();

    @Test
    void an_install_order_survives_encoding() throws Exception {
        UpdateOrder order = new UpdateOrder("1.4", "kiosk-7", 12, UpdateOrder.Action.INSTALL, "agent", "1.5.0",
                "https://hub.example/api/releases/3/file", 4096, SHA, "c2lnbmF0dXJl", false, Instant.parse("2026-11-29T02:00:00Z"));

        assertThat(codec.decodeUpdateOrder("kiosk-7", codec.encode(order))).isEqualTo(order);
    }

    @Test
    void an_order_for_another_device_or_with_a_bad_hash_is_refused() {
        String order = "{\"v\":\"1.4\",\"deviceId\":\"kiosk-7\",\"deploymentId\":1,\"action\":\"install\",\"releaseKind\":\"agent\","
                + "\"version\":\"1.5.0\",\"url\":\"http://h/f\",\"size\":10,\"sha256\":\"" + SHA + "\",\"signature\":\"c2ln\","
                + "\"issuedAt\":\"2026-11-29T02:00:00Z\"}";

        assertThatThrownBy(() -> codec.decodeUpdateOrder("kiosk-8", order.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.error()).isEqualTo(ProtocolError.DEVICE_ID_MISMATCH));
        assertThatThrownBy(() -> codec.decodeUpdateOrder("kiosk-7", order.replace(SHA, "ABC").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.field()).isEqualTo("sha256"));
        assertThatThrownBy(() -> codec.decodeUpdateOrder("kiosk-7", order.replace("http://h/f", "file:///etc/passwd")
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.field()).isEqualTo("url"));
    }

    @Test
    void a_cancel_order_needs_only_the_deployment() throws Exception {
        String cancel = "{\"v\":\"1.4\",\"deviceId\":\"kiosk-7\",\"deploymentId\":5,\"action\":\"cancel\",\"issuedAt\":\"2026-11-29T02:00:00Z\"}";

        UpdateOrder order = codec.decodeUpdateOrder("kiosk-7", cancel.getBytes(StandardCharsets.UTF_8));

        assertThat(order.action()).isEqualTo(UpdateOrder.Action.CANCEL);
        assertThat(order.deploymentId()).isEqualTo(5);
    }

    @Test
    void a_status_round_trips_and_a_failure_must_name_its_code() throws Exception {
        UpdateStatus rolledBack = new UpdateStatus("1.4", "kiosk-7", 40, Instant.parse("2026-11-29T02:05:00Z"), 12, UpdateState.ROLLED_BACK,
                "1.5.0", "1.4.2", null, "health_check_failed", "broker not reached within 120 s");
        String topic = Topics.topic("kiosk-7", MessageKind.UPDATE_STATUS);

        assertThat(codec.decode(topic, codec.encode(rolledBack))).isEqualTo(rolledBack);

        String noCode = "{\"v\":\"1.4\",\"deviceId\":\"kiosk-7\",\"seq\":41,\"ts\":\"2026-11-29T02:05:00Z\",\"deploymentId\":12,"
                + "\"state\":\"failed\",\"version\":\"1.5.0\"}";
        assertThatThrownBy(() -> codec.decode(topic, noCode.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.field()).isEqualTo("code"));
    }
}
