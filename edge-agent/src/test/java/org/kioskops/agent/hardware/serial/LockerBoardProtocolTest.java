package org.kioskops.agent.hardware.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples of docs/locker-board-protocol.md, and what a board must not be believed for. */
class LockerBoardProtocolTest {
    @Test
    void frames_and_checks_lines_as_the_protocol_page_shows() {
        assertThat(LockerBoardProtocol.frame("STATUS")).isEqualTo("STATUS*14");
        assertThat(LockerBoardProtocol.frame("UNLOCK 2 500")).isEqualTo("UNLOCK 2 500*17");
        assertThat(LockerBoardProtocol.unframe("OK UNLOCK 2*26")).contains("OK UNLOCK 2");
        assertThat(LockerBoardProtocol.unframe("OK UNLOCK 3*26")).as("one character changed").isEmpty();
        assertThat(LockerBoardProtocol.unframe("OK UNLOCK 2")).as("no checksum").isEmpty();
    }

    @Test
    void reads_a_status_with_doors_parcels_and_faults() throws Exception {
        LockerBoardProtocol.Status s = LockerBoardProtocol.parseStatus("STATUS 4 0100 0010 3:jammed,0:power_low", 4);

        assertThat(s.doorsOpen()).containsExactly(false, true, false, false);
        assertThat(s.parcels()).containsExactly(false, false, true, false);
        assertThat(s.faults()).isEqualTo(Map.of(3, "jammed", 0, "power_low"));
    }

    @Test
    void refuses_a_status_that_does_not_match_the_bank_or_the_grammar() {
        for (String bad : List.of("STATUS 3 010 001 -", "STATUS 4 01x0 0010 -", "STATUS 4 0100 0010 9:jammed", "STATUS 4 0100 0010 3:Jam",
                "OK UNLOCK 2", "STATUS 4 0100 0010")) {
            assertThatThrownBy(() -> LockerBoardProtocol.parseStatus(bad, 4)).as(bad).isInstanceOf(LockerBoardProtocol.BoardException.class);
        }
    }
}
