package org.bangfu.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community in this JVM with one Bolt connector on loopback and authentication off.
 *
 * <p>Usage: {@code Launcher --port 7687 --data DIR [--host 127.0.0.1] [--pagecache 256m]
 * [--exit-on-stdin-eof]}. DIR becomes Neo4j's home: the store goes to DIR/data and Neo4j's own
 * logs (debug.log) to DIR/logs, so standard output stays quiet.
 *
 * <p>Standard output carries exactly two lines meant for the parent process:
 * {@code BANGFU-NEO4J READY bolt://HOST:PORT} once the default database accepts work, and
 * {@code BANGFU-NEO4J STOPPED} after a clean shutdown (SIGTERM, SIGINT, or end of standard
 * input with {@code --exit-on-stdin-eof}). Everything else goes to standard error. Exit codes:
 * 2 for bad arguments, 3 when the port is taken, 1 when Neo4j fails to start.
 */
public final class Launcher {
    static final String READY = "BANGFU-NEO4J READY";
    static final String STOPPED = "BANGFU-NEO4J STOPPED";
    static final String DEFAULT_DATABASE = "neo4j";

    private static final PrintStream OUT = System.out;
    private static final PrintStream ERR = System.err;

    private Launcher() {}

    /** The parsed command line. */
    record Options(String host, int port, Path home, long pageCacheBytes, boolean exitOnStdinEof) {}

    /** A wrong command line; the message says what is wrong. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            ERR.println("bangfu-neo4j: " + e.getMessage());
            ERR.println(
                    "usage: Launcher --port PORT --data DIR [--host 127.0.0.1] [--pagecache 256m]"
                            + " [--exit-on-stdin-eof]");
            ERR.flush();
            System.exit(2);
            return;
        }

        String portProblem = checkPortFree(options.host(), options.port());
        if (portProblem != null) {
            ERR.println("bangfu-neo4j: " + portProblem);
            ERR.flush();
            System.exit(3);
            return;
        }

        AtomicReference<DatabaseManagementService> service = new AtomicReference<>();
        AtomicBoolean stopping = new AtomicBoolean(false);
        CountDownLatch built = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> shutdown(service, stopping, built, stopped), "bangfu-neo4j-shutdown"));

        DatabaseManagementService dbms;
        try {
            Files.createDirectories(options.home());
            dbms = build(options);
        } catch (Throwable e) {
            ERR.println("bangfu-neo4j: Neo4j failed to start: " + describe(e, options));
            e.printStackTrace(ERR);
            ERR.flush();
            // halt, not exit: there is nothing for the shutdown hook to stop.
            Runtime.getRuntime().halt(isPortTaken(e) ? 3 : 1);
            return;
        }
        service.set(dbms);
        built.countDown(); // a shutdown hook started during build() waits for this, then stops it

        try {
            GraphDatabaseService db = dbms.database(DEFAULT_DATABASE);
            if (!db.isAvailable(Duration.ofMinutes(5).toMillis())) {
                ERR.println("bangfu-neo4j: database '" + DEFAULT_DATABASE + "' did not become available");
                ERR.flush();
                System.exit(1);
                return;
            }
        } catch (Throwable e) {
            ERR.println("bangfu-neo4j: database '" + DEFAULT_DATABASE + "' is not usable: " + e);
            e.printStackTrace(ERR);
            ERR.flush();
            System.exit(1);
            return;
        }

        if (stopping.get()) {
            return; // a signal arrived while starting; the shutdown hook is stopping Neo4j
        }
        ERR.println("bangfu-neo4j: Neo4j " + neo4jVersion() + " (community), home " + options.home()
                + ", Bolt on " + options.host() + ":" + options.port() + ", authentication off");
        ERR.flush();
        OUT.println(READY + " bolt://" + hostForUri(options.host()) + ":" + options.port());
        OUT.flush();

        if (options.exitOnStdinEof()) {
            Thread watcher = new Thread(Launcher::exitOnStdinEof, "bangfu-neo4j-stdin");
            watcher.setDaemon(true);
            watcher.start();
        }

        // Park the main thread until the shutdown hook has run; the JVM exits from the hook.
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Options parse(String[] args) throws UsageException {
        String host = "127.0.0.1";
        Integer port = null;
        Path home = null;
        long pageCache = ByteUnit.mebiBytes(256);
        boolean exitOnStdinEof = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> port = parsePort(value(args, ++i, arg));
                case "--data" -> home = Path.of(value(args, ++i, arg)).toAbsolutePath().normalize();
                case "--host" -> host = value(args, ++i, arg);
                case "--pagecache" -> pageCache = parseBytes(value(args, ++i, arg));
                case "--exit-on-stdin-eof" -> exitOnStdinEof = true;
                default -> throw new UsageException("unknown argument '" + arg + "'");
            }
        }
        if (port == null) {
            throw new UsageException("--port is required");
        }
        if (home == null) {
            throw new UsageException("--data is required");
        }
        return new Options(host, port, home, pageCache, exitOnStdinEof);
    }

    private static String value(String[] args, int i, String name) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(name + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new UsageException("port " + text + " is outside 1..65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("port '" + text + "' is not a number");
        }
    }

    /** Parses sizes such as 256m, 1g, 512k or a plain byte count. */
    static long parseBytes(String text) throws UsageException {
        String t = text.trim().toLowerCase();
        long unit = 1;
        if (t.endsWith("k")) {
            unit = ByteUnit.kibiBytes(1);
        } else if (t.endsWith("m")) {
            unit = ByteUnit.mebiBytes(1);
        } else if (t.endsWith("g")) {
            unit = ByteUnit.gibiBytes(1);
        }
        if (unit != 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t);
            if (n <= 0) {
                throw new UsageException("size '" + text + "' must be positive");
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new UsageException("size '" + text + "' is not like 256m or 1g");
        }
    }

    /** Null when HOST:PORT can be bound now, else a sentence saying why not. */
    static String checkPortFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return null;
        } catch (BindException e) {
            return "port " + port + " already in use on " + host + " (" + e.getMessage() + ")";
        } catch (IOException e) {
            return "cannot listen on " + host + ":" + port + ": " + e;
        }
    }

    private static DatabaseManagementService build(Options o) {
        SocketAddress bolt = new SocketAddress(o.host(), o.port());
        return new DatabaseManagementServiceBuilder(o.home())
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(o.host()))
                .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(o.host()))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, o.pageCacheBytes())
                .setConfig(
                        GraphDatabaseSettings.tx_state_memory_allocation,
                        GraphDatabaseSettings.TransactionStateMemoryAllocation.ON_HEAP)
                // No usage reports: this machine talks to nobody but its own clients.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                // Netty's graceful shutdown waits out a quiet period per event loop group (5 s
                // each by default), which made every stop take over 10 s for nothing.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(10))
                .build();
    }

    private static void shutdown(
            AtomicReference<DatabaseManagementService> service,
            AtomicBoolean stopping,
            CountDownLatch built,
            CountDownLatch stopped) {
        stopping.set(true);
        try {
            // Let a start in progress finish, so that Neo4j is always shut down cleanly.
            built.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        DatabaseManagementService dbms = service.getAndSet(null);
        if (dbms == null) {
            return; // already stopped
        }
        try {
            dbms.shutdown();
            OUT.println(STOPPED);
        } catch (Throwable e) {
            ERR.println("bangfu-neo4j: error during shutdown: " + e);
            e.printStackTrace(ERR);
        } finally {
            OUT.flush();
            ERR.flush();
            stopped.countDown();
        }
    }

    /** Ends the JVM (through the shutdown hook) once the parent closes our standard input. */
    private static void exitOnStdinEof() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Input is ignored; only its end matters.
            }
        } catch (IOException e) {
            // A broken pipe means the same as the end of input.
        }
        ERR.println("bangfu-neo4j: standard input closed (parent gone), shutting down");
        ERR.flush();
        System.exit(0);
    }

    private static boolean isPortTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String describe(Throwable e, Options o) {
        if (isPortTaken(e)) {
            return "port " + o.port() + " already in use on " + o.host();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + " (cause: " + root + ")";
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String neo4jVersion() {
        try {
            return org.neo4j.kernel.internal.Version.getNeo4jVersion();
        } catch (Throwable e) {
            return "(version unknown)";
        }
    }
}
