package dev.parley.cli;

import dev.parley.app.CallBot;
import dev.parley.app.CallBotOptions;
import dev.parley.app.DevApp;
import dev.parley.app.JoinRequest;
import ch.qos.logback.classic.Level;
import dev.parley.app.ui.AppOptions;
import dev.parley.app.ui.ParleyApp;
import dev.parley.engine.IceTransportPolicy;
import dev.parley.protocol.Normalization;
import dev.parley.protocol.Validation;
import dev.parley.protocol.MediaMode;
import dev.parley.server.MediaConfig;
import dev.parley.server.ParleyServer;
import dev.parley.server.sfu.JanusEndpoint;
import dev.parley.server.sfu.JanusProcess;
import dev.parley.server.sfu.ManagedJanusConfig;
import dev.parley.server.ServerConfig;
import dev.parley.server.ServerConfigFile;
import dev.parley.server.cluster.ClusterConfig;
import dev.parley.server.token.TokenFormat;
import dev.parley.server.token.TokenMinter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code parley} command line: with no command it opens the call window; {@code server} runs
 * the room server, {@code token} mints a token, {@code call} joins a call (the headless bot with
 * {@code --headless}, otherwise the window), {@code devices} lists devices. Runs on the main
 * thread; the window and {@code server} hold it until the window closes or the process stops.
 */
public final class ParleyCli {
    /** Exit code for bad usage. */
    static final int USAGE = 2;

    /**
     * Where the command line hands over once it has parsed its arguments: the call window, or a
     * started server to keep running. Called on the main thread.
     */
    interface Launcher {
        /** Opens the call window with these options and returns once it is closed. */
        void openWindow(AppOptions options);

        /** Keeps {@code server} running until the process is stopped, then closes it. */
        void keepServing(ParleyServer server);
    }

    /** The real process: logging as the options say, then the JavaFX window; a server until SIGTERM. */
    static final Launcher PROCESS = new Launcher() {
        @Override
        public void openWindow(AppOptions options) {
            if (options.logLevel() != null) {
                LogSetup.level(options.logLevel());
            } else {
                // the log file has everything; stderr only what the user must see
                LogSetup.consoleThreshold(Level.WARN);
            }
            LogSetup.directory(options.logDir() != null ? options.logDir() : AppOptions.defaultLogDir(), "parley");
            WindowLaunch.prepare();
            ParleyApp.launch(options);
        }

        @Override
        public void keepServing(ParleyServer server) {
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "parley-server-shutdown"));
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    };

    private final PrintStream out;
    private final PrintStream err;
    private final Launcher launcher;

    ParleyCli(PrintStream out, PrintStream err) {
        this(out, err, PROCESS);
    }

    ParleyCli(PrintStream out, PrintStream err, Launcher launcher) {
        this.out = out;
        this.err = err;
        this.launcher = launcher;
    }

    public static void main(String[] args) {
        NativeHeapTrimmer.start();
        int code = new ParleyCli(System.out, System.err).run(args);
        if (code >= 0) {
            // webrtc-java's native threads print to stdout when the VM stops around them, which
            // would break the bot's one-JSON-object-per-line output: close stdout, then halt
            System.out.close();
            System.err.flush();
            Runtime.getRuntime().halt(code);
        }
    }

    /** Runs a command; returns the exit code, or -1 when a server keeps running. */
    int run(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(usage());
            return 0;
        }
        if (args.length == 0 || args[0].startsWith("--")) {
            try {
                return app(Arrays.asList(args));
            } catch (UsageException | IllegalArgumentException e) {
                err.println("parley: " + e.getMessage());
                return USAGE;
            }
        }
        Deque<String> rest = new ArrayDeque<>(Arrays.asList(args).subList(1, args.length));
        try {
            return switch (args[0]) {
                case "server" -> server(rest);
                case "token" -> token(rest);
                case "call" -> call(rest);
                case "devices" -> devices(rest);
                default -> throw new UsageException("unknown command '" + args[0] + "'\n" + usage());
            };
        } catch (UsageException e) {
            err.println("parley: " + e.getMessage());
            return USAGE;
        } catch (IOException | IllegalArgumentException e) {
            err.println("parley: " + e.getMessage());
            return 1;
        }
    }

    private static String usage() {
        return AppOptions.USAGE + """

                  --server URL       the room server, ws://host:port or wss://host:port; several
                                     nodes of one service separated by commas, tried in turn
                  --room ID, --user ID, --name NAME   fill in the join form
                  --log-level LEVEL  TRACE, DEBUG, INFO, WARN or ERROR, default INFO; without it
                                     stderr shows only warnings and errors (the log file has the rest)
                  --log-dir DIR      where the rolling log file parley.log goes, default the user's
                                     log folder (~/.local/state/parley/logs on Linux)
                   or: parley <command> [options]
                commands:
                  server   run the room server          (parley server --help)
                  token    mint a login token           (parley token --help)
                  call     join a call: the headless bot, or the window (parley call --help)
                  devices  list cameras and microphones (parley devices --help)""";
    }

    /** Opens the call window and returns once it is closed. */
    private int app(java.util.List<String> args) {
        return window(AppOptions.parse(args));
    }

    private int window(AppOptions options) {
        if (options.logLevel() != null) {
            LogSetup.parse(options.logLevel());
        }
        launcher.openWindow(options);
        return 0;
    }

    private int server(Deque<String> args) throws IOException {
        ServerConfig.Builder builder = ServerConfig.builder().bindAddress("0.0.0.0");
        Path configFile = null;
        Integer port = null;
        String bind = null;
        String keystore = null;
        String keystorePassword = null;
        Integer webPort = null;
        boolean web = true;
        MediaMode media = null;
        String janusUrl = null;
        String janusApiSecret = null;
        String janusAdminKey = null;
        String janusRtpPorts = null;
        String janusPublicAddress = null;
        String redis = null;
        String nodeId = null;
        String publicUrl = null;
        boolean checkOnly = false;
        while (!args.isEmpty()) {
            String option = args.removeFirst();
            switch (option) {
                case "--help" -> {
                    out.println("""
                            usage: parley server [--port N] [--bind ADDRESS] [--config FILE] [--web-port N | --no-web]
                                                 [--keystore FILE.p12 --keystore-password PASSWORD]
                                                 [--media mesh|sfu] [--janus-url URL --janus-api-secret S --janus-admin-key K]
                                                 [--janus-rtp-ports MIN-MAX] [--janus-public-address IP]
                                                 [--redis redis://HOST:PORT [--node-id ID] [--public-url URL]]
                                   parley server --check-config FILE [options]
                              --port      TCP port, default 7878 (0 picks a free port)
                              --bind      address to listen on, default 0.0.0.0
                              --config    JSON file with apps, secrets, limits, presence timing and ICE servers
                              --keystore  PKCS#12 keystore: serve wss:// instead of ws:// (and the page over https)
                              --web-port  port of the browser debug page, default the WebSocket port + 1
                              --no-web    serve no debug page
                              --media     mesh (each publisher sends to each player) or sfu (each publisher
                                          sends once to a media server, Janus, which forwards) for every app;
                                          default mesh, or per app in the config file
                              --janus-url the WebSocket API of an external Janus for sfu, with
                                          --janus-api-secret and --janus-admin-key; without it the server
                                          starts Janus itself (Debian's janus package)
                              --janus-rtp-ports       UDP ports for a Janus the server starts, default 20000-40000
                              --janus-public-address  the public address of a 1:1 NAT in front of it
                              --redis     share rooms with the other servers of this Redis (redis:// or
                                          rediss://, with [USER:]PASSWORD@ and /DB if needed): each room lives
                                          on one node, and clients reaching another node are sent to it
                              --node-id   this node's ID among them (letters, digits, - and _), default random
                              --public-url  the ws:// or wss:// URL clients reach this node on, default the
                                          address it listens on
                              --log-level TRACE|DEBUG|INFO|WARN|ERROR, default INFO (logs go to stderr)
                              --log-dir   also write a daily rolling log file there
                              --check-config FILE  check FILE (and the other options), print what the server
                                          would run and exit: 0 when it can run, 2 and why when it cannot
                            Without apps in a config file, the server accepts the public development app
                            (appID 1); configure your own apps for any real deployment.""");
                    return 0;
                }
                case "--port" -> port = intValue(option, value(option, args), 0, 65535);
                case "--bind" -> bind = value(option, args);
                case "--config" -> configFile = Path.of(value(option, args));
                case "--check-config" -> {
                    configFile = Path.of(value(option, args));
                    checkOnly = true;
                }
                case "--keystore" -> keystore = value(option, args);
                case "--keystore-password" -> keystorePassword = value(option, args);
                case "--web-port" -> webPort = intValue(option, value(option, args), 0, 65535);
                case "--no-web" -> web = false;
                case "--media" -> media = mediaMode(value(option, args));
                case "--janus-url" -> janusUrl = value(option, args);
                case "--janus-api-secret" -> janusApiSecret = value(option, args);
                case "--janus-admin-key" -> janusAdminKey = value(option, args);
                case "--janus-rtp-ports" -> janusRtpPorts = value(option, args);
                case "--janus-public-address" -> janusPublicAddress = value(option, args);
                case "--redis" -> redis = value(option, args);
                case "--node-id" -> nodeId = value(option, args);
                case "--public-url" -> publicUrl = value(option, args);
                case "--log-level" -> LogSetup.level(value(option, args));
                case "--log-dir" -> LogSetup.directory(Path.of(value(option, args)), "parley-server");
                default -> throw new UsageException("unknown option '" + option + "' for server");
            }
        }
        if (configFile != null) {
            try {
                ServerConfigFile.load(configFile, builder);
            } catch (IOException e) {
                if (checkOnly) {
                    throw new UsageException(e.getMessage());
                }
                throw e;
            }
        }
        boolean developmentApp = build(builder, checkOnly).apps().isEmpty();
        if (developmentApp) {
            builder.app(DevApp.credentials());
        }
        if (port != null) {
            builder.port(port);
        }
        if (bind != null) {
            builder.bindAddress(bind);
        }
        if (keystore != null) {
            builder.keystore(Path.of(keystore), keystorePassword);
        }
        builder.media(media(builder.media(), media, janusUrl, janusApiSecret, janusAdminKey, janusRtpPorts,
                janusPublicAddress));
        builder.cluster(cluster(builder.cluster(), redis, nodeId, publicUrl));
        if (web) {
            int wsPort = builder.build().port();
            builder.webPort(webPort != null ? webPort : wsPort == 0 ? 0 : Math.min(65535, wsPort + 1));
        }
        ServerConfig config = build(builder, checkOnly);
        if (checkOnly) {
            new ServerConfigCheck(out).check(configFile, config, developmentApp);
            return 0;
        }
        ParleyServer server = developmentApp ? ParleyServer.start(config, DevApp.APP_ID) : ParleyServer.start(config);
        server.urls().forEach(url -> out.println("Parley server listening on " + url));
        server.webUrls().forEach(url -> out.println("Debug page on " + url));
        out.flush();
        if (developmentApp && !loopback(config.bindAddress())) {
            err.println("parley: warning: this server listens on " + config.bindAddress()
                    + (InetAddress.getByName(config.bindAddress()).isAnyLocalAddress() ? " (every network interface)" : "")
                    + " and accepts the public development app (appID " + DevApp.APP_ID + "), whose appSign anyone can read:"
                    + " anyone who can reach it can log in to any room. Use --bind 127.0.0.1 to keep it on this"
                    + " machine, or --config with apps of your own.");
            err.flush();
        }
        launcher.keepServing(server);
        return -1;
    }

    /** Builds the config; for --check-config, a bad value is a usage error (exit 2). */
    private static ServerConfig build(ServerConfig.Builder builder, boolean checkOnly) {
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            if (checkOnly) {
                throw new UsageException("the configuration is not valid: " + e.getMessage());
            }
            throw e;
        }
    }

    private static MediaMode mediaMode(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "mesh" -> MediaMode.MESH;
            case "sfu" -> MediaMode.SFU;
            default -> throw new UsageException("--media must be mesh or sfu: " + value);
        };
    }

    /** The media settings with the command line's on top; refuses an SFU server that cannot have its Janus. */
    private static MediaConfig media(MediaConfig fromFile, MediaMode mode, String janusUrl, String apiSecret,
                                     String adminKey, String rtpPorts, String publicAddress) throws IOException {
        MediaConfig media = mode == null ? fromFile : fromFile.withAllApps(mode);
        if (janusUrl != null) {
            URI url = URI.create(janusUrl);
            if (!"ws".equals(url.getScheme()) && !"wss".equals(url.getScheme())) {
                throw new UsageException("--janus-url must be the ws:// or wss:// URL of Janus's WebSocket API: " + janusUrl);
            }
            if (apiSecret == null || adminKey == null) {
                throw new UsageException("--janus-url needs --janus-api-secret and --janus-admin-key (Janus's api_secret"
                        + " and the VideoRoom admin_key)");
            }
            media = media.withExternalJanus(new JanusEndpoint(url, null, apiSecret, null, adminKey));
        } else if (apiSecret != null || adminKey != null) {
            throw new UsageException("--janus-api-secret and --janus-admin-key go with --janus-url");
        }
        ManagedJanusConfig managed = media.managedJanus();
        if (rtpPorts != null) {
            int[] range;
            try {
                range = ServerConfigFile.portRange(rtpPorts);
            } catch (IOException e) {
                throw new UsageException("--janus-rtp-ports: " + e.getMessage());
            }
            managed = managed.withRtpPorts(range[0], range[1]);
        }
        if (publicAddress != null) {
            managed = managed.withPublicAddress(publicAddress);
        }
        media = media.withManagedJanus(managed);
        if (media.needsMediaServer() && media.externalJanus() == null && !JanusProcess.installed(managed.binary())) {
            throw new UsageException("SFU rooms need Janus, and '" + managed.binary() + "' is not installed: install"
                    + " Debian's package with 'sudo apt-get install janus', or give --janus-url of a running Janus");
        }
        return media;
    }

    /** The file's cluster settings with the command line's on top; refuses what cannot work. */
    private static ClusterConfig cluster(ClusterConfig fromFile, String redis, String nodeId, String publicUrl) {
        if (redis == null && fromFile == null) {
            if (nodeId != null || publicUrl != null) {
                throw new UsageException("--node-id and --public-url go with --redis (or cluster.redis in the config file)");
            }
            return null;
        }
        try {
            return ClusterConfig.of(redis != null ? redis : fromFile.redis().toString(),
                    nodeId != null ? nodeId : fromFile == null ? null : fromFile.nodeId(),
                    publicUrl != null ? publicUrl : fromFile == null ? null : fromFile.publicUrl());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static boolean loopback(String address) throws IOException {
        return InetAddress.getByName(address).isLoopbackAddress();
    }

    private int token(Deque<String> args) {
        Long appId = null;
        String secret = null;
        String user = null;
        String room = null;
        boolean publish = false;
        long ttl = 3600;
        TokenFormat format = TokenFormat.SIGNED;
        while (!args.isEmpty()) {
            String option = args.removeFirst();
            switch (option) {
                case "--help" -> {
                    out.println("""
                            usage: parley token --app-id ID --secret SERVER_SECRET --user USER_ID
                                                [--room ROOM_ID] [--publish] [--ttl SECONDS] [--sealed]
                              prints a token that lets USER_ID log in (to ROOM_ID only, when given),
                              and publish with --publish; valid for --ttl seconds (default 3600).
                              --sealed encrypts the claims (AES-GCM) instead of signing them (HMAC-SHA256).""");
                    return 0;
                }
                case "--app-id" -> appId = longValue(option, value(option, args));
                case "--secret" -> secret = value(option, args);
                case "--user" -> user = value(option, args);
                case "--room" -> room = value(option, args);
                case "--publish" -> publish = true;
                case "--ttl" -> ttl = intValue(option, value(option, args), 1, Integer.MAX_VALUE);
                case "--sealed" -> format = TokenFormat.SEALED;
                default -> throw new UsageException("unknown option '" + option + "' for token");
            }
        }
        if (appId == null || secret == null || user == null) {
            throw new UsageException("token needs --app-id, --secret and --user");
        }
        Validation.userId(Normalization.nfc(user)).ifPresent(code -> {
            throw new UsageException("--user: " + code.describe());
        });
        if (room != null) {
            Validation.roomId(Normalization.nfc(room)).ifPresent(code -> {
                throw new UsageException("--room: " + code.describe());
            });
        }
        TokenMinter minter = new TokenMinter(appId, secret, format, Clock.systemUTC());
        out.println(minter.mint(user, room, publish, null, Duration.ofSeconds(ttl)));
        return 0;
    }

    private int devices(Deque<String> args) {
        if (!args.isEmpty()) {
            if (args.peekFirst().equals("--help")) {
                out.println("""
                        usage: parley devices
                          lists the cameras and microphones Parley can use, with the IDs that
                          useVideoDevice / useAudioDevice and the app's pickers take""");
                return 0;
            }
            throw new UsageException("unknown option '" + args.peekFirst() + "' for devices");
        }
        // the engine behind the list logs as in a call; none of that is for this command's user
        Level before = LogSetup.consoleThreshold(Level.WARN);
        DeviceLister.Lists lists;
        try {
            lists = DeviceLister.list();
        } finally {
            LogSetup.consoleThreshold(before);
        }
        out.println("Cameras:");
        lists.cameras().forEach(d -> out.println("  " + d.deviceID() + "  " + d.deviceName()));
        out.println("Microphones:");
        lists.microphones().forEach(d -> out.println("  " + d.deviceID() + "  " + d.deviceName()));
        out.flush();
        return 0;
    }

    private int call(Deque<String> args) throws IOException {
        String server = null;
        String room = null;
        String user = null;
        String name = null;
        String token = null;
        long appId = DevApp.APP_ID;
        String appSign = null;
        String publish = null;
        boolean noPublish = false;
        String source = "pattern";
        boolean audioOnly = false;
        int width = 640;
        int height = 360;
        int fps = 15;
        int bitrate = CallBotOptions.DEFAULT_BITRATE_KBPS;
        Duration duration = null;
        java.util.List<String> play = java.util.List.of("all");
        IceTransportPolicy icePolicy = IceTransportPolicy.ALL;
        int soundLevels = 0;
        boolean headless = false;
        String logLevel = null;
        String botOnly = null;
        while (!args.isEmpty()) {
            String option = args.removeFirst();
            switch (option) {
                case "--help" -> {
                    out.println("""
                            usage: parley call --headless --room ROOM --user USER [options]   the call bot
                                   parley call --room ROOM --user USER [--server URL] [--name NAME] [--log-level LEVEL]
                                                    opens the call window and joins (the same as parley --room ...)
                              --headless            run the bot: no window, JSON lines on stdout
                              --room ROOM --user USER       the room to join and the user ID to join as
                              --server URL          room server, default ws://127.0.0.1:7878 (the window:
                                                    that server, or one it embeds there); several nodes
                                                    of one service separated by commas, tried in turn
                              --name NAME           display name
                              --token TOKEN         log in with a token, or:
                              --app-id ID --app-sign SIGN   (default: the development app)
                              --publish STREAM_ID   default USER_main; --no-publish to only watch
                              --source pattern|camera       default pattern
                              --audio-only          publish without video
                              --resolution WxH      default 640x360
                              --fps N               default 15
                              --bitrate KBPS        video bitrate cap, default 1200
                              --sound-levels MS     print the captured and the played streams' sound
                                                    levels (0-100) every MS milliseconds (100-3000)
                              --duration SECONDS    default: until Ctrl-C
                              --play all|none|ID,...        default all
                              --ice-policy all|relay        relay: media only through the TURN relays
                                                    the server hands out; default all
                              --log-level LEVEL     for the log on stderr, default INFO
                            The bot prints every engine callback as one JSON object per line on stdout,
                            and a "frames" line per played stream every 3 s; logs go to stderr. It exits
                            1 if the login fails. The options from --token on are the bot's only.""");
                    return 0;
                }
                case "--headless" -> headless = true;
                case "--server" -> server = value(option, args);
                case "--room" -> room = value(option, args);
                case "--user" -> user = value(option, args);
                case "--name" -> name = value(option, args);
                case "--log-level" -> {
                    logLevel = value(option, args);
                    LogSetup.parse(logLevel);
                }
                case "--token" -> token = value(option, args);
                case "--app-id" -> appId = longValue(option, value(option, args));
                case "--app-sign" -> appSign = value(option, args);
                case "--publish" -> publish = value(option, args);
                case "--no-publish" -> noPublish = true;
                case "--source" -> {
                    source = value(option, args);
                    if (!source.equals("pattern") && !source.equals("camera")) {
                        throw new UsageException("--source must be pattern or camera");
                    }
                }
                case "--audio-only" -> audioOnly = true;
                case "--resolution" -> {
                    String[] wh = value(option, args).split("x");
                    if (wh.length != 2) {
                        throw new UsageException("--resolution must look like 1280x720");
                    }
                    width = intValue(option, wh[0], 16, 3840);
                    height = intValue(option, wh[1], 16, 2160);
                }
                case "--fps" -> fps = intValue(option, value(option, args), 1, 60);
                case "--bitrate" -> bitrate = intValue(option, value(option, args), 50, 20_000);
                case "--sound-levels" -> soundLevels = intValue(option, value(option, args), 100, 3000);
                case "--duration" -> duration = Duration.ofSeconds(intValue(option, value(option, args), 1, Integer.MAX_VALUE));
                case "--play" -> play = java.util.List.of(value(option, args).split(","));
                case "--ice-policy" -> {
                    String policy = value(option, args);
                    if (!policy.equals("all") && !policy.equals("relay")) {
                        throw new UsageException("--ice-policy must be all or relay");
                    }
                    icePolicy = policy.equals("relay") ? IceTransportPolicy.RELAY : IceTransportPolicy.ALL;
                }
                default -> throw new UsageException("unknown option '" + option + "' for call");
            }
            if (BOT_ONLY.contains(option) && botOnly == null) {
                botOnly = option;
            }
        }
        if (room == null || user == null) {
            throw new UsageException("call needs --room and --user");
        }
        if (!headless) {
            if (botOnly != null) {
                throw new UsageException(botOnly + " is for the bot (add --headless); the call window takes"
                        + " --server, --room, --user, --name and --log-level");
            }
            return window(new AppOptions(server, room, user, name, logLevel, null));
        }
        if (logLevel != null) {
            LogSetup.level(logLevel);
        }
        if (token == null && appSign == null) {
            appSign = appId == DevApp.APP_ID ? DevApp.APP_SIGN : null;
            if (appSign == null) {
                throw new UsageException("call needs --token or --app-sign for app " + appId);
            }
        }
        String botServer = server != null ? server : "ws://127.0.0.1:" + ServerConfig.DEFAULT_PORT;
        CallBotOptions options = new CallBotOptions(botServer, room, user, name, appId, appSign, token,
                noPublish ? null : publish != null ? publish : JoinRequest.streamIdFor(user), source, audioOnly, width, height, fps,
                bitrate, duration, play, icePolicy, soundLevels);
        CallBot bot = new CallBot(options, out);
        Thread hook = new Thread(() -> {
            bot.stop();
            try {
                bot.awaitFinished(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "parley-bot-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return bot.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The options of {@code parley call} that only the headless bot takes. */
    private static final java.util.Set<String> BOT_ONLY = java.util.Set.of("--token", "--app-id", "--app-sign",
            "--publish", "--no-publish", "--source", "--audio-only", "--resolution", "--fps", "--bitrate", "--sound-levels", "--duration", "--play",
            "--ice-policy");

    private static String value(String option, Deque<String> args) {
        if (args.isEmpty() || args.peekFirst().startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.removeFirst();
    }

    private static int intValue(String option, String text, int min, int max) {
        long v = longValue(option, text);
        if (v < min || v > max) {
            throw new UsageException(option + " must be between " + min + " and " + max + ": " + text);
        }
        return (int) v;
    }

    private static long longValue(String option, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number: " + text);
        }
    }

    /** Bad command-line usage; exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
