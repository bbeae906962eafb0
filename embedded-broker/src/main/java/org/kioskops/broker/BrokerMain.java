package org.kioskops.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs the embedded broker as a process of its own. The hub starts it when no external broker is
 * configured and reads the {@value #READY} line from its standard output. With {@code --exit-with-stdin}
 * the broker stops when its standard input closes, so that it never outlives a hub that was killed.
 *
 * <pre>java -cp 'lib/*' org.kioskops.broker.BrokerMain --port 1884 --home data/broker --exit-with-stdin</pre>
 */
public final class BrokerMain {
    /** Printed on standard output, followed by the broker URL, once clients can connect. */
    public static final String READY = "KIOSKOPS-BROKER-READY";
    public static final String ACCESS_RELOADED = "KIOSKOPS-BROKER-ACCESS-RELOADED";

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        String bind = BrokerSettings.DEFAULT_BIND_ADDRESS;
        int port = BrokerSettings.DEFAULT_PORT;
        Path home = Path.of("data", "broker");
        boolean exitWithStdin = false;
        Path accessDir = null;
        int tlsPort = -1;
        Path keystore = null;
        Path truststore = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bind" -> bind = value(args, ++i);
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "--home" -> home = Path.of(value(args, ++i));
                case "--exit-with-stdin" -> exitWithStdin = true;
                case "--access-dir" -> accessDir = Path.of(value(args, ++i));
                case "--tls-port" -> tlsPort = Integer.parseInt(value(args, ++i));
                case "--keystore" -> keystore = Path.of(value(args, ++i));
                case "--client-ca" -> truststore = Path.of(value(args, ++i));
                default -> {
                    System.err.println("unknown option " + args[i]
                            + "; usage: BrokerMain [--bind ADDRESS] [--port PORT] [--home DIR] [--access-dir DIR] "
                            + "[--tls-port PORT --keystore FILE.jks [--client-ca TRUST.jks]] [--exit-with-stdin]; the key store password is read "
                            + "from the environment variable KIOSKOPS_BROKER_KEYSTORE_PASSWORD");
                    System.exit(2);
                }
            }
        }
        BrokerSettings.Tls tls = tlsPort < 0 ? null
                : new BrokerSettings.Tls(tlsPort, keystore, System.getenv().getOrDefault("KIOSKOPS_BROKER_KEYSTORE_PASSWORD", ""), truststore);
        BrokerSettings settings = new BrokerSettings(bind, port, home, BrokerSettings.DEFAULT_MAX_QUEUED_MESSAGES,
                BrokerSettings.DEFAULT_SERVER_RECEIVE_MAXIMUM, BrokerSettings.DEFAULT_MAX_PACKET_SIZE_BYTES, accessDir, tls);
        EmbeddedBroker broker = new EmbeddedBroker(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (Exception e) {
                System.err.println("embedded broker did not stop cleanly: " + e);
            }
        }, "broker-shutdown"));
        broker.start();
        System.out.println(READY + " " + settings.url());
        System.out.flush();
        if (exitWithStdin) {
            followParent(System.in, broker);
            System.exit(0);
        }
    }

    /**
     * Reads the parent's commands until its end of input, which means it has gone: {@code reload} re-reads
     * the access files now (answered with {@value #ACCESS_RELOADED} and the request's number), so that the hub
     * knows a revoked device is cut off before it answers the operator.
     */
    private static void followParent(InputStream in, EmbeddedBroker broker) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            String[] parts = line.trim().split(" ");
            if (parts[0].equals("reload")) {
                boolean ok = broker.reloadAccess();
                System.out.println(ACCESS_RELOADED + " " + (parts.length > 1 ? parts[1] : "0") + " " + (ok ? "ok" : "failed"));
                System.out.flush();
            }
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
