package org.kioskops.agent.lifecycle.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.agent.lifecycle.ServiceManager;

/** The notices reach a real AF_UNIX datagram socket, as systemd's would receive them. */
class SystemdNotifyTest {
    @TempDir
    Path dir;
    private Process receiver;

    /** A stand-in for systemd's end of the socket: prints every datagram, one per line, NULs for newlines. */
    private Path listen(Path socket) throws IOException {
        Path received = dir.resolve("received.txt");
        receiver = new ProcessBuilder("python3", "-c", String.join("\n",
                "import socket, sys",
                "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
                "s.bind(sys.argv[1])",
                "out = open(sys.argv[2], 'w')",
                "out.write('bound\\n'); out.flush()",
                "while True:",
                "    out.write(s.recv(4096).decode().replace('\\n', '|') + '\\n'); out.flush()"),
                socket.toString(), received.toString()).redirectErrorStream(true).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(received) && Files.readString(received).startsWith("bound"));
        return received;
    }

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.destroyForcibly();
        }
    }

    @Test
    void sends_ready_watchdog_and_stopping_to_the_notify_socket() throws IOException {
        Path socket = dir.resolve("notify.sock");
        Path received = listen(socket);
        ServiceManager systemd = SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", socket.toString(), "WATCHDOG_USEC", "20000000",
                "WATCHDOG_PID", Long.toString(ProcessHandle.current().pid()))).orElseThrow();

        systemd.ready();
        systemd.watchdog();
        systemd.stopping("bye");

        assertThat(systemd.watchdogInterval()).contains(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readAllLines(received))
                .isEqualTo(List.of("bound", "READY=1|STATUS=reporting", "WATCHDOG=1", "STOPPING=1|STATUS=bye")));
    }

    @Test
    void without_a_notify_socket_there_is_no_service_manager_and_a_watchdog_for_another_process_is_ignored() {
        assertThat(SystemdNotify.fromEnvironment(Map.of())).isEmpty();
        assertThat(SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "1000000",
                "WATCHDOG_PID", "1")).orElseThrow().watchdogInterval()).isEmpty();
    }

    @Test
    void a_socket_nobody_listens_on_is_logged_not_thrown() {
        ServiceManager systemd = SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", dir.resolve("absent.sock").toString())).orElseThrow();

        systemd.ready();
        systemd.watchdog();
    }
}
