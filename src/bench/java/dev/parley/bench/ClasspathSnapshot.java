package dev.parley.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private copy of the class directories on the benchmark's class path, taken when the benchmark
 * starts, so that the servers under test run the code that was built for this run even if
 * {@code target/classes} or {@code target/test-classes} are rebuilt while it runs. Jars are used
 * in place. The benchmark's own classes are loaded up front for the same reason.
 *
 * <p>Not thread-safe; made and closed by the main thread.
 */
final class ClasspathSnapshot implements AutoCloseable {
    private final Path root;
    private final String classPath;

    private ClasspathSnapshot(Path root, String classPath) {
        this.root = root;
        this.classPath = classPath;
    }

    /** Copies the class directories of {@code java.class.path} and loads every benchmark class. */
    static ClasspathSnapshot take() throws IOException {
        Path root = Files.createTempDirectory("parley-bench-classpath");
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Paths.get(entry);
            if (Files.isDirectory(path)) {
                Path copy = root.resolve(Integer.toString(n++));
                copyTree(path, copy);
                entries.add(copy.toString());
            } else {
                entries.add(entry);
            }
        }
        preloadBenchClasses();
        return new ClasspathSnapshot(root, String.join(File.pathSeparator, entries));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                try {
                    Path target = to.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void preloadBenchClasses() throws IOException {
        String packageName = ClasspathSnapshot.class.getPackageName();
        Path dir;
        try {
            dir = Paths.get(ClasspathSnapshot.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolve(packageName.replace('.', File.separatorChar));
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.equals("package-info.class")) {
                    try {
                        Class.forName(packageName + "." + name.substring(0, name.length() - ".class".length()));
                    } catch (ClassNotFoundException | LinkageError e) {
                        // a class that cannot load now would fail later anyway
                    }
                }
            }
        }
    }

    /** The class path for child JVMs. */
    String classPath() {
        return classPath;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind
        }
    }
}
