package org.kioskops.hub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * No reading a kiosk was told is safe is lost, and none is stored twice, through the faults of real operations:
 * broker restarted and killed, the hub's database connections terminated, the hub killed and frozen, agents killed
 * while the broker is down, the network cut. CI runs the short version; {@code bench/run-fault-run.sh} the long one
 * (its figures are in docs/benchmarks.md). The table is printed and written to {@code target/fault-run/fault-run.md}; each run
 * keeps its broker, hub and kiosk files and logs in a directory of its own beside it.
 */
class FaultRunIT {

    @Test
    void no_confirmed_reading_is_lost_or_stored_twice_through_broker_database_hub_agent_and_network_faults() throws Exception {
        Path dir = Path.of("target", "fault-run", Long.toString(System.currentTimeMillis(), 36)).toAbsolutePath();
        FaultRun.Settings settings = FaultRun.Settings.fromSystemProperties(dir);
        try (FaultRun run = FaultRun.start(settings)) {
            List<FaultRun.Row> rows = run.runAll();
            FaultRun.Totals totals = run.finish();
            String table = run.table(rows, totals);
            System.out.println(table);
            Files.writeString(dir.resolveSibling("fault-run.md"), table);

            SoftAssertions faults = new SoftAssertions();
            for (FaultRun.Row row : rows) {
                faults.assertThat(row.confirmed()).as(row.fault() + ": readings confirmed under load").isPositive();
                faults.assertThat(row.missing()).as(row.fault() + ": confirmed readings missing from the tables").isZero();
                faults.assertThat(row.duplicateRows()).as(row.fault() + ": rows stored twice").isZero();
            }
            faults.assertAll();
            assertThat(totals.missing()).as("confirmed readings of the whole run missing from the tables").isZero();
            assertThat(totals.unconfirmed()).as("readings created and never confirmed, once the kiosks stopped").isZero();
            assertThat(totals.missingAtHub()).as("sequence numbers the hub itself counts as missing").isZero();
        }
    }
}
