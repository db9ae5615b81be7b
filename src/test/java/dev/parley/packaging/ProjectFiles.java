package dev.parley.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The project's own files, read from the working directory (the project root under Maven). Stateless. */
final class ProjectFiles {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([\\w.-]+)}");

    private ProjectFiles() {
    }

    static String read(String relativePath) {
        try {
            return Files.readString(Path.of(relativePath), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A property of pom.xml's top-level {@code <properties>}, with the properties it names filled in. */
    static String pomProperty(String name) {
        NodeList children = pom().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals("properties")) {
                NodeList values = e.getElementsByTagName(name);
                if (values.getLength() == 1) {
                    return resolve(values.item(0).getTextContent().trim());
                }
            }
        }
        throw new IllegalStateException("pom.xml has no top-level property " + name);
    }

    /** The text of every {@code <tag>} element of pom.xml in order, with the properties it names filled in. */
    static List<String> pomElements(String tag) {
        List<String> values = new ArrayList<>();
        NodeList nodes = pom().getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(resolve(nodes.item(i).getTextContent().trim()));
        }
        return values;
    }

    /** The Java options every launcher gives the JVM ({@code parley.javaOptions} in pom.xml), one per entry. */
    static List<String> javaOptions() {
        return Arrays.asList(pomProperty("parley.javaOptions").split("\\s+"));
    }

    private static String resolve(String text) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(resolved, Matcher.quoteReplacement(pomProperty(m.group(1))));
        }
        return m.appendTail(resolved).toString();
    }

    private static Element pom() {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile())
                    .getDocumentElement();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot read pom.xml", e);
        }
    }
}
