package org.kioskops.agent.lifecycle.systemd;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.kioskops.agent.lifecycle.ServiceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ServiceManager} for systemd's notify protocol ({@code Type=notify}, {@code WatchdogSec=}): one
 * datagram per notice to the AF_UNIX socket named by {@code NOTIFY_SOCKET}, sent from the agent's own
 * process, so the unit needs no {@code NotifyAccess=all} and no helper process races systemd. Java 17
 * cannot open such a socket, hence the few libc calls through JNA.
 */
public final class SystemdNotify implements ServiceManager {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotify.class);
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;

    private final byte[] address;
    private final Duration watchdog;
    private boolean warned;

    SystemdNotify(String socket, Duration watchdog) {
        byte[] path = socket.getBytes(StandardCharsets.UTF_8);
        if (path[0] == '@') {
            path[0] = 0; // abstract namespace
        }
        this.address = path;
        this.watchdog = watchdog;
    }

    /** The notifier the environment asks for, if the agent runs under systemd with {@code Type=notify}. */
    public static Optional<ServiceManager> fromEnvironment(Map<String, String> env) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isEmpty()) {
            return Optional.empty();
        }
        Duration watchdog = null;
        String usec = env.get("WATCHDOG_USEC");
        String pid = env.get("WATCHDOG_PID");
        if (usec != null && (pid == null || pid.equals(Long.toString(ProcessHandle.current().pid())))) {
            try {
                watchdog = Duration.ofNanos(Long.parseLong(usec) * 1000);
            } catch (NumberFormatException e) {
                LOG.warn("ignoring WATCHDOG_USEC={}: not a number", usec);
            }
        }
        return Optional.of(new SystemdNotify(socket, watchdog));
    }

    @Override
    public Optional<Duration> watchdogInterval() {
        return Optional.ofNullable(watchdog);
    }

    @Override
    public void ready() {
        send("READY=1\nSTATUS=reporting");
    }

    @Override
    public void watchdog() {
        send("WATCHDOG=1");
    }

    @Override
    public void stopping(String status) {
        send("STOPPING=1\nSTATUS=" + status.replace('\n', ' '));
    }

    /** Sends one notice; a failure is logged once, never thrown: the agent's work matters more. */
    synchronized void send(String notice) {
        SockaddrUn target = new SockaddrUn(address);
        byte[] message = notice.getBytes(StandardCharsets.UTF_8);
        int fd = -1;
        try {
            fd = LibC.INSTANCE.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            LibC.INSTANCE.sendto(fd, message, new NativeLong(message.length), 0, target, 2 + address.length);
        } catch (LastErrorException | LinkageError e) {
            // LinkageError: no libc to bind (not Linux, or JNA unusable); the agent runs on without systemd notices
            if (!warned) {
                warned = true;
                LOG.warn("cannot notify systemd ({}): {}", notice.lines().findFirst().orElse(""), e.toString());
            }
        } finally {
            if (fd >= 0) {
                LibC.INSTANCE.close(fd);
            }
        }
    }

    /** The libc calls used, bound directly. */
    static final class LibC {
        static final LibC INSTANCE = new LibC();

        static {
            Native.register("c");
        }

        native int socket(int domain, int type, int protocol) throws LastErrorException;

        native NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, SockaddrUn to, int toLength) throws LastErrorException;

        native int close(int fd);
    }

    /** {@code struct sockaddr_un}. */
    @Structure.FieldOrder({"family", "path"})
    public static final class SockaddrUn extends Structure {
        public short family = AF_UNIX;
        public byte[] path = new byte[108];

        SockaddrUn(byte[] address) {
            if (address.length > path.length) {
                throw new IllegalArgumentException("NOTIFY_SOCKET path longer than 108 bytes");
            }
            System.arraycopy(address, 0, path, 0, address.length);
        }
    }
}
