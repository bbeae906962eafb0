package org.kioskops.broker;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Device authentication and topic access for the embedded broker, from the files the hub writes (see
 * {@link AccessFiles}): a client must present either a client certificate issued to it by the hub (verified
 * by the TLS listener against the hub's CA; its common name is the device id, and its serial must be the one
 * listed in {@code certificates}) or a username and password from {@code passwd}. Its client id must equal
 * that identity (so that no device can take over another's session), and it may publish and
 * subscribe only where {@code acl} allows it. The files are re-read when they change; a client whose
 * password was revoked or rotated is disconnected at once. The files are polled every second, and re-read at
 * once when the hub asks (see {@link BrokerMain}).
 */
final class AccessControl implements ExtensionMain {
    private final Path dir;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "access-files");
        t.setDaemon(true);
        return t;
    });
    private volatile AccessFiles files;
    private volatile String version = "";

    AccessControl(Path dir) throws IOException {
        this.dir = dir;
        this.files = AccessFiles.load(dir);
        this.version = version();
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> (SimpleAuthenticator) this::authenticate);
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        watcher.shutdownNow();
    }

    private void authenticate(SimpleAuthInput input, SimpleAuthOutput output) {
        String clientId = input.getConnectPacket().getClientId();
        String username = input.getConnectPacket().getUserName().orElse(null);
        AccessFiles current = files;
        X509Certificate certificate = input.getConnectionInformation().getClientTlsInformation()
                .flatMap(ClientTlsInformation::getClientCertificate).orElse(null);
        if (certificate != null) {
            // the listener has verified the chain up to the hub's CA; the registry decides whether it is still valid
            String deviceId = commonName(certificate);
            if (!current.acceptsCertificate(deviceId, certificate.getSerialNumber().toString(16))) {
                output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "client certificate revoked or replaced");
                return;
            }
            if (username != null && !username.equals(deviceId)) {
                output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "the user name must be the certificate's device id");
                return;
            }
            username = deviceId;
        } else {
            byte[] password = input.getConnectPacket().getPassword().map(AccessControl::bytes).orElse(null);
            if (username == null || password == null || !current.verify(username, password)) {
                output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad user name or password");
                return;
            }
        }
        if (!clientId.equals(username)) {
            output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "the client id must equal the user name");
            return;
        }
        var permissions = output.getDefaultPermissions();
        for (AccessFiles.Rule rule : current.rulesFor(username)) {
            TopicPermission.MqttActivity activity = rule.read() && rule.write() ? TopicPermission.MqttActivity.ALL
                    : rule.read() ? TopicPermission.MqttActivity.SUBSCRIBE : TopicPermission.MqttActivity.PUBLISH;
            permissions.add(Builders.topicPermission()
                    .topicFilter(rule.forClient(username, clientId))
                    .type(TopicPermission.PermissionType.ALLOW)
                    .activity(activity)
                    .build());
        }
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
        output.authenticateSuccessfully();
    }

    /** The subject's common name: the device id, in certificates the hub issues. */
    static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            // an unparsable subject names nobody
        }
        return "";
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /**
     * Re-reads the files after the hub rewrote them, and cuts off clients whose password is no longer valid.
     * Called by the poll and on the hub's request, hence synchronized.
     *
     * @return false if the files could not be read
     */
    synchronized boolean reloadIfChanged() {
        try {
            String now = version();
            if (now.equals(version)) {
                return true;
            }
            AccessFiles reloaded = AccessFiles.load(dir);
            AccessFiles previous = files;
            files = reloaded;
            version = now;
            // client id = user name is enforced, so the accounts whose hash changed name exactly the clients to cut off
            List<CompletableFuture<Boolean>> cutOff = new ArrayList<>();
            for (String user : previous.users()) {
                if (!Objects.equals(previous.hashOf(user), reloaded.hashOf(user))
                        || !Objects.equals(previous.certificateOf(user), reloaded.certificateOf(user))) {
                    cutOff.add(Services.clientService().disconnectClient(user, false,
                            DisconnectReasonCode.NOT_AUTHORIZED,
                            "credentials revoked or replaced"));
                }
            }
            // done means done: the hub tells the operator a revoked device is cut off only after this returns
            CompletableFuture.allOf(cutOff.toArray(CompletableFuture[]::new))
                    .get(5, TimeUnit.SECONDS);
            System.out.println("INFO  [broker] access files reloaded");
            return true;
        } catch (ExecutionException | TimeoutException e) {
            System.out.println("WARN  [broker] access files reloaded, but disconnecting clients failed: " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException | RuntimeException e) {
            System.out.println("WARN  [broker] cannot reload access files: " + e);
            return false;
        }
    }

    /** A digest of both files: modification times can be too coarse to see two quick rewrites. */
    private String version() throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String name : new String[] {AccessFiles.PASSWD, AccessFiles.ACL, AccessFiles.CERTIFICATES}) {
                Path file = dir.resolve(name);
                if (Files.exists(file)) {
                    digest.update(Files.readAllBytes(file));
                }
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
