package org.kioskops.hub.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.kioskops.hub.identity.BrokerAccess;
import org.kioskops.hub.identity.BrokerAccount;
import org.kioskops.hub.identity.BrokerAccounts;
import org.kioskops.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BrokerAccounts} as Mosquitto's {@code password_file} and {@code acl_file} (one line per account
 * with its PBKDF2 hash, a pattern rule confining every kiosk to {@code kioskops/v1/<its user name>/#},
 * and the hub's own rule), {@code device-ca.pem} and {@code crl.pem} for a certificate listener's
 * {@code cafile} and {@code crlfile}, and {@code certificates} (device id and serial of each valid client
 * certificate) for the embedded broker. Files are replaced atomically, then the reload command (for
 * Mosquitto, a SIGHUP: Mosquitto re-reads them and disconnects clients that are no longer allowed) runs.
 * The embedded broker reads the same files and reloads them by itself.
 */
public final class MosquittoAccessFiles implements BrokerAccounts {
    private static final Logger LOG = LoggerFactory.getLogger(MosquittoAccessFiles.class);

    private final Path dir;
    private final Runnable reload;
    private final Consumer<Collection<String>> cutOff;
    private Map<String, String> lastCertificates;

    /**
     * @param reload tells the broker to re-read the files, and returns once it has
     * @param cutOff after a reload, disconnects the devices whose certificate was revoked or replaced, for a
     *               broker that does not do so by itself
     */
    public MosquittoAccessFiles(Path dir, Runnable reload, Consumer<Collection<String>> cutOff) {
        this.dir = dir;
        this.reload = reload;
        this.cutOff = cutOff;
    }

    /**
     * Files for an external Mosquitto, reloaded by running {@code command} (if any) after each change;
     * {@code cutOff} disconnects devices whose certificate was revoked, which Mosquitto does not do.
     */
    public static MosquittoAccessFiles forMosquitto(Path dir, Optional<String> command, Consumer<Collection<String>> cutOff) {
        return new MosquittoAccessFiles(dir, () -> command.ifPresent(MosquittoAccessFiles::runReloadCommand), cutOff);
    }

    @Override
    public synchronized void apply(BrokerAccess access) {
        List<BrokerAccount> accounts = access.accounts();
        StringBuilder passwd = new StringBuilder();
        StringBuilder acl = new StringBuilder("""
                # Written by the KioskOps hub from its device registry; local edits are overwritten.
                # Every kiosk may publish and subscribe only under its own topic subtree.
                pattern readwrite %s/%%u/#
                """.formatted(Topics.ROOT));
        for (BrokerAccount account : accounts) {
            passwd.append(account.username()).append(':').append(account.passwordHash()).append('\n');
            if (account.role() == BrokerAccount.Role.HUB) {
                acl.append("user ").append(account.username()).append('\n')
                        .append("topic readwrite ").append(Topics.ROOT).append("/#\n");
            }
        }
        StringBuilder certificateLines = new StringBuilder("# device id, serial (hex) of its one valid client certificate\n");
        access.certificateSerials().forEach((device, serial) -> certificateLines.append(device).append(' ').append(serial).append('\n'));
        try {
            Files.createDirectories(dir);
            // CA and CRL first: a listener must never see a certificate list newer than the CRL it checks against
            replace("device-ca.pem", access.deviceCaPem());
            replace("crl.pem", access.crlPem());
            replace("certificates", certificateLines.toString());
            replace("passwd", passwd.toString());
            replace("acl", acl.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker's access files in " + dir, e);
        }
        reload.run();
        if (lastCertificates != null) {
            // devices whose certificate changed or went: after a restart of the hub nobody is known to be connected
            Set<String> changed = new TreeSet<>();
            lastCertificates.forEach((device, serial) -> {
                if (!serial.equals(access.certificateSerials().get(device))) {
                    changed.add(device);
                }
            });
            if (!changed.isEmpty()) {
                cutOff.accept(changed);
            }
        }
        lastCertificates = Map.copyOf(access.certificateSerials());
        LOG.info("Broker access files written: {} accounts, {} client certificates in {}", accounts.size(),
                access.certificateSerials().size(), dir);
    }

    private void replace(String name, String content) throws IOException {
        Path temp = Files.createTempFile(dir, name, ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r-----"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void runReloadCommand(String command) {
        try {
            Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
            boolean done = process.waitFor(15, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readNBytes(2000), StandardCharsets.UTF_8).trim();
            if (!done || process.exitValue() != 0) {
                LOG.error("Broker reload command '{}' failed ({}): {}", command, done ? "exit " + process.exitValue() : "timeout", output);
            }
        } catch (IOException e) {
            LOG.error("Broker reload command '{}' cannot run: {}", command, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
