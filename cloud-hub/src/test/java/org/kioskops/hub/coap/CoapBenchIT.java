package org.kioskops.hub.coap;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.OwnMosquittoProfile;
import org.kioskops.sim.coap.CoapBenchCommand;
import picocli.CommandLine;

/** {@code kioskops-sim coap-bench}, briefly, against this hub: every post answered 2.04 and the figures printed. */
@QuarkusTest
@TestProfile(OwnMosquittoProfile.class)
class CoapBenchIT {
    @TestHTTPResource("/")
    URL hub;

    @Inject
    CoapLifecycle coap;

    @Test
    void the_coap_benchmark_stores_every_post_and_prints_rate_and_latency() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new CoapBenchCommand()).execute("--hub", hub.toString(), "--coap", "127.0.0.1:" + coap.port(),
                    "--devices", "4", "--in-flight", "2", "--warmup", "1s", "--duration", "3s", "--cbor");
        } finally {
            System.setOut(original);
        }
        String report = captured.toString(StandardCharsets.UTF_8);
        System.out.println(report);

        assertThat(exit).as(report).isZero();
        assertThat(report).contains("| devices | in flight | answered | refused | timeouts |").containsPattern("\\| 4 \\| 8 \\| [1-9]\\d* \\| 0 \\| 0 \\|");
    }
}
