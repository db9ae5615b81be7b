package dev.parley.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The layers of docs/architecture.md, enforced on the production classes. */
class LayerRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.parley");
    }

    @Test
    void protocolKnowsNothingOfOurs() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.parley.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.parley.server..", "dev.parley.engine..", "dev.parley.app..", "dev.parley.cli..",
                        "org.java_websocket..", "dev.onvoid..", "javafx..", "org.slf4j..")
                .because("the server and the engine share the protocol, so it can depend on neither");
        rule.check(classes);
    }

    @Test
    void serverImportsNoEngineAppWebrtcOrJavaFx() {
        noClasses().that().resideInAPackage("dev.parley.server..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.parley.engine..", "dev.parley.app..", "dev.onvoid..", "javafx..")
                .because("the room server runs alone, with no media and no window")
                .check(classes);
    }

    @Test
    void engineImportsNoJavaFxAndNoServer() {
        noClasses().that().resideInAPackage("dev.parley.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.parley.server..", "dev.parley.app..", "javafx..")
                .because("the SDK runs in any Java app and talks to the server only over the wire")
                .check(classes);
    }

    @Test
    void publicEngineApiDoesNotReachIntoItsInternals() {
        noClasses().that().resideInAPackage("dev.parley.engine")
                .should().dependOnClassesThat().resideInAnyPackage("dev.parley.engine.internal..",
                        "org.java_websocket..", "dev.onvoid..")
                .because("the dependency between the API and its implementation runs one way: internal uses the API")
                .check(classes);
    }

    @Test
    void onlyTheCommandLineStandsAboveTheAppAndTheServer() {
        noClasses().that().resideOutsideOfPackage("dev.parley.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.parley.cli..")
                .because("the command line starts the window, the bot and the server: it is the top of the layers, "
                        + "and nothing below it knows it")
                .check(classes);
    }

    @Test
    void appNeverReachesIntoEngineInternals() {
        noClasses().that().resideInAPackage("dev.parley.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.parley.engine.internal..")
                .allowEmptyShould(true)
                .because("the app is an SDK user like any other")
                .check(classes);
    }

    @Test
    void engineSubPackagesAreFreeOfCycles() {
        slices().matching("dev.parley.engine.internal.(*)..").namingSlices("engine.internal.$1")
                .should().beFreeOfCycles()
                .because("each room of the engine depends one way on those below it, so that each can be read, "
                        + "tested and replaced without the ones above")
                .check(classes);
    }

    @Test
    void parleyPackagesAreFreeOfCycles() {
        slices().matching("dev.parley.(**)").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("dependencies between packages run one way, as jdeps shows on the built classes")
                .check(classes);
    }

    @Test
    void engineRoomsAreLayered() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Engine").definedBy("dev.parley.engine.internal")
                .layer("Room").definedBy("dev.parley.engine.internal.room..")
                .layer("Signaling").definedBy("dev.parley.engine.internal.signaling..")
                .layer("Media").definedBy("dev.parley.engine.internal.media..")
                .layer("Devices").definedBy("dev.parley.engine.internal.devices..")
                .layer("Audio").definedBy("dev.parley.engine.internal.audio..")
                .layer("Rtc").definedBy("dev.parley.engine.internal.rtc..")
                .layer("Core").definedBy("dev.parley.engine.internal.core..")
                .whereLayer("Engine").mayNotBeAccessedByAnyLayer()
                .whereLayer("Room").mayOnlyBeAccessedByLayers("Engine")
                .whereLayer("Signaling").mayOnlyBeAccessedByLayers("Engine", "Room")
                .whereLayer("Media").mayOnlyBeAccessedByLayers("Engine", "Room")
                .whereLayer("Devices").mayOnlyBeAccessedByLayers("Media")
                .whereLayer("Audio").mayOnlyBeAccessedByLayers("Media")
                .whereLayer("Rtc").mayOnlyBeAccessedByLayers("Media", "Devices", "Audio")
                .whereLayer("Core").mayOnlyBeAccessedByLayers("Engine", "Room", "Signaling", "Media", "Devices", "Audio",
                        "Rtc")
                .because("the room layer drives media and signaling, media drives the local devices and audio, "
                        + "and everything stands on the RTC thread and the engine loop; never the other way")
                .check(classes);
    }

    @Test
    void webrtcIsUsedOnlyByTheMediaRooms() {
        noClasses().that().resideInAPackage("dev.parley..")
                .and().resideOutsideOfPackages("dev.parley.engine.internal.media..", "dev.parley.engine.internal.devices..",
                        "dev.parley.engine.internal.audio..", "dev.parley.engine.internal.rtc..")
                .should().dependOnClassesThat().resideInAPackage("dev.onvoid..")
                .because("webrtc-java calls belong on the RTC thread, which only these rooms use, and a change of "
                        + "media library stays inside them")
                .check(classes);
    }

    @Test
    void javaWebSocketIsUsedOnlyBySignalingAndTheServer() {
        noClasses().that().resideInAPackage("dev.parley..")
                .and().resideOutsideOfPackages("dev.parley.engine.internal.signaling..", "dev.parley.server..")
                .should().dependOnClassesThat().resideInAPackage("org.java_websocket..")
                .because("the engine reaches the server through the signaling room's connection only")
                .check(classes);
    }

    /** Each room of the engine and the public types that are its door; everything else in it is package-private. */
    static final Map<String, Set<String>> DOORS = Map.of(
            "core", Set.of("Scheduler", "Cancellable", "Confinement", "EngineLoop", "EngineThreads", "CallbackDispatcher"),
            "rtc", Set.of("RtcThread", "MediaFactory", "NativeReferences", "NativeVideoFrame"),
            "audio", Set.of("LocalAudio", "LocalAudio$Events", "LocalAudio$Capture", "AudioDeviceEvents",
                    "CapturedSoundLevel", "SoundMeter", "StreamVolumePlayer"),
            "devices", Set.of("LocalVideo", "ScreenShare", "DeviceWatch"),
            "media", Set.of("EngineMedia", "RoomMedia", "RoomPort", "LocalMedia"),
            "signaling", Set.of("Connector", "ServerConnection", "ServerConnection$Listener", "WebSocketConnector",
                    "PendingRequests", "RequestIds", "ServerMessageHandler", "ServerMessages"),
            "room", Set.of("RoomSession", "RoomSession$Carried", "RoomServices", "RoomUsersLookup"));

    static Set<String> rooms() {
        return DOORS.keySet();
    }

    @ParameterizedTest
    @MethodSource("rooms")
    void eachRoomIsEnteredThroughItsDoor(String room) {
        String pkg = "dev.parley.engine.internal." + room;
        Set<String> door = DOORS.get(room);
        classes().that().resideInAPackage(pkg).and().arePublic()
                .should(new ArchCondition<>("be one of " + door) {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        String name = type.getName().substring(pkg.length() + 1);
                        if (!door.contains(name)) {
                            events.add(SimpleConditionEvent.violated(type, type.getName() + " is public but not in the door"));
                        }
                    }
                })
                .because("a room is entered through a few types; the rest can change without its users noticing")
                .check(classes);
    }

    @Test
    void publicEngineSignaturesNameNoProtocolOrInternalType() {
        classes().that().resideInAPackage("dev.parley.engine").and().arePublic()
                .should(nameOnlyPublicTypes())
                .because("an app sees the SDK's own types only; the engine maps the wire's types at its edge, "
                        + "so the protocol can change without breaking apps")
                .check(classes);
    }

    /** No public or protected member, supertype or record component mentions a protocol or internal type. */
    private static ArchCondition<JavaClass> nameOnlyPublicTypes() {
        return new ArchCondition<>("name no protocol or engine.internal type in a public signature") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<String> where = new ArrayList<>();
                List<JavaType> supertypes = new ArrayList<>(type.getInterfaces());
                type.getSuperclass().ifPresent(supertypes::add);
                supertypes.forEach(t -> inspect(t, type.getName() + " supertype", where));
                for (JavaMember member : type.getMembers()) {
                    boolean exposed = member.getModifiers().contains(JavaModifier.PUBLIC)
                            || member.getModifiers().contains(JavaModifier.PROTECTED);
                    if (!exposed || member.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                        continue;
                    }
                    if (member instanceof JavaField field) {
                        inspect(field.getType(), field.getFullName(), where);
                    } else if (member instanceof JavaCodeUnit code) {
                        inspect(code.getReturnType(), code.getFullName(), where);
                        code.getParameterTypes().forEach(t -> inspect(t, code.getFullName(), where));
                        code.getExceptionTypes().forEach(t -> inspect(t, code.getFullName(), where));
                    }
                }
                for (String hit : where) {
                    events.add(SimpleConditionEvent.violated(type, hit));
                }
            }
        };
    }

    private static void inspect(JavaType type, String where, List<String> hits) {
        for (JavaClass raw : type.getAllInvolvedRawTypes()) {
            String pkg = raw.getPackageName();
            if (pkg.startsWith("dev.parley.protocol") || pkg.startsWith("dev.parley.engine.internal")) {
                hits.add(where + " names " + raw.getName());
            }
        }
    }
}
