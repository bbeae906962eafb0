package org.kioskops.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiptCodecTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    @Test
    void a_receipt_survives_encoding() throws Exception {
        Receipt receipt = new Receipt(DeviceMessage.VERSION, "kiosk-7", Instant.parse("2026-12-02T08:00:00Z"), "e1",
                List.of(new Receipt.Range(3, 9), new Receipt.Range(12, 12)), List.of(new Receipt.Refusal(10, "invalid_value")));

        assertThat(codec.decodeReceipt("kiosk-7", codec.encode(receipt))).isEqualTo(receipt);
    }

    @Test
    void a_receipt_without_refusals_leaves_them_out() {
        Receipt receipt = new Receipt(DeviceMessage.VERSION, "kiosk-7", Instant.parse("2026-12-02T08:00:00Z"), null,
                List.of(new Receipt.Range(3, 3)), List.of());

        assertThat(new String(codec.encode(receipt), StandardCharsets.UTF_8)).isEqualTo(
                "{\"v\":\"" + DeviceMessage.VERSION + "\",\"deviceId\":\"kiosk-7\",\"ts\":\"2026-12-02T08:00:00Z\","
                        + "\"stored\":[{\"from\":3,\"to\":3}]}");
    }

    @Test
    void a_receipt_for_another_device_or_with_a_backward_range_is_refused() {
        String receipt = "{\"v\":\"1.5\",\"deviceId\":\"kiosk-7\",\"ts\":\"2026-12-02T08:00:00Z\",\"stored\":[{\"from\":9,\"to\":3}]}";

        assertThatThrownBy(() -> codec.decodeReceipt("kiosk-8", receipt.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.error()).isEqualTo(ProtocolError.DEVICE_ID_MISMATCH));
        assertThatThrownBy(() -> codec.decodeReceipt("kiosk-7", receipt.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.field()).isEqualTo("stored[0].to"));
    }

    @Test
    void numbers_in_any_order_make_the_fewest_ranges() {
        assertThat(Receipt.ranges(new long[] {7, 3, 4, 5, 5, 9, 8, 12})).containsExactly(
                new Receipt.Range(3, 5), new Receipt.Range(7, 9), new Receipt.Range(12, 12));
        assertThat(Receipt.ranges(new long[0])).isEmpty();
    }

    @Test
    void a_birth_asks_for_receipts_only_when_it_says_so() throws Exception {
        String birth = "{\"v\":\"1.5\",\"deviceId\":\"kiosk-7\",\"seq\":1,\"ts\":\"2026-12-02T08:00:00Z\",\"session\":0,"
                + "\"agentVersion\":\"1\",\"hardwareModel\":\"m\",\"inventory\":{}%s}";
        String topic = Topics.topic("kiosk-7", MessageKind.BIRTH);

        assertThat(codec.decode(topic, birth.formatted(",\"receipts\":true").getBytes(StandardCharsets.UTF_8), Birth.class)
                .wantsReceipts()).isTrue();
        assertThat(codec.decode(topic, birth.formatted("").getBytes(StandardCharsets.UTF_8), Birth.class).wantsReceipts()).isFalse();
        assertThatThrownBy(() -> codec.decode(topic, birth.formatted(",\"receipts\":\"yes\"").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.error()).isEqualTo(ProtocolError.WRONG_TYPE));
    }
}
