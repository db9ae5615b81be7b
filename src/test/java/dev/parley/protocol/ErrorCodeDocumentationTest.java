package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorCodeDocumentationTest {
    private static final Set<Integer> KNOWN_FAMILIES = Set.of(1000, 1001, 1002, 1003, 1004, 1006, 1009);
    private static final Pattern FAMILY_HEADING = Pattern.compile("^#+\\s.*\\((\\d{4})xxx\\)\\s*$");
    private static final Pattern CODE_CELL = Pattern.compile("\\d+");

    /** A documented row: the table cells, and the family of the heading it sits under (null if none). */
    private record Row(int code, String name, String meaning, String whatToDo, Integer headingFamily, int line) {
    }

    private static List<Row> rows;
    private static Map<Integer, Row> rowsByCode;

    @BeforeAll
    static void readDocument() throws IOException {
        Path doc = Path.of(System.getProperty("basedir", ".")).resolve("docs").resolve("errors.md");
        assertTrue(Files.isRegularFile(doc), "missing " + doc.toAbsolutePath());
        rows = parseRows(Files.readAllLines(doc, StandardCharsets.UTF_8));
        rowsByCode = new HashMap<>();
        for (Row row : rows) {
            Row previous = rowsByCode.put(row.code(), row);
            if (previous != null) {
                fail("code " + row.code() + " is documented twice, on lines " + previous.line() + " and " + row.line());
            }
        }
    }

    private static List<Row> parseRows(List<String> lines) {
        List<Row> result = new ArrayList<>();
        Integer family = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            Matcher heading = FAMILY_HEADING.matcher(line);
            if (heading.matches()) {
                family = Integer.valueOf(heading.group(1));
                continue;
            }
            if (line.startsWith("#")) {
                family = null;
                continue;
            }
            if (!line.startsWith("|")) {
                continue;
            }
            String[] cells = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length()).split("\\|", -1);
            String first = cells[0].trim();
            if (!CODE_CELL.matcher(first).matches()) {
                continue; // header or separator row
            }
            assertEquals(4, cells.length, "line " + (i + 1) + " must have the four columns Code | Name | Meaning | What to do");
            result.add(new Row(Integer.parseInt(first), stripTicks(cells[1].trim()), cells[2].trim(), cells[3].trim(),
                    family, i + 1));
        }
        return result;
    }

    private static String stripTicks(String cell) {
        return cell.replace("`", "").trim();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ErrorCode.class)
    void everyErrorCodeHasATableRowWithItsNumberAndName(ErrorCode error) {
        Row row = rowsByCode.get(error.code());
        assertNotNull(row, error + " (" + error.code() + ") has no row in docs/errors.md");
        assertEquals(error.name(), row.name(), "the row for " + error.code() + " names another constant");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ErrorCode.class)
    void everyRowSaysWhatTheCodeMeansAndWhatToDo(ErrorCode error) {
        Row row = rowsByCode.get(error.code());
        assertNotNull(row, error + " has no row");
        assertFalse(row.meaning().isBlank(), error + " has no meaning");
        assertFalse(row.whatToDo().isBlank(), error + " has no advice");
        assertFalse(row.whatToDo().equalsIgnoreCase(row.meaning()), error + ": the advice only repeats the meaning");
    }

    @Test
    void everyTableRowNamesAnExistingErrorCode() {
        for (Row row : rows) {
            Optional<ErrorCode> error = ErrorCode.of(row.code());
            assertTrue(error.isPresent(), "line " + row.line() + " documents " + row.code() + ", which is not an ErrorCode");
            assertEquals(error.get().name(), row.name(), "line " + row.line());
        }
        assertEquals(ErrorCode.values().length, rows.size(), "one row per ErrorCode constant");
    }

    @Test
    void numericCodesAreUnique() {
        Map<Integer, List<ErrorCode>> byCode = Arrays.stream(ErrorCode.values())
                .collect(Collectors.groupingBy(ErrorCode::code, LinkedHashMap::new, Collectors.toList()));
        List<String> clashes = byCode.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList();
        assertTrue(clashes.isEmpty(), "codes used more than once: " + clashes);
    }

    @Test
    void successIsZero() {
        assertEquals(0, ErrorCode.SUCCESS.code());
        assertEquals(Optional.of(ErrorCode.SUCCESS), ErrorCode.of(0));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ErrorCode.class, mode = EnumSource.Mode.EXCLUDE, names = "SUCCESS")
    void everyOtherCodeFallsInAKnownFamily(ErrorCode error) {
        int family = error.code() / 1000;
        assertTrue(KNOWN_FAMILIES.contains(family), error + " (" + error.code() + ") is in no known family");
        assertEquals(family, error.family());
        assertTrue(error.code() % 1000 != 0, error + ": numbers within a family start at 1");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ErrorCode.class, mode = EnumSource.Mode.EXCLUDE, names = "SUCCESS")
    void everyOtherCodeIsDocumentedUnderItsFamilyHeading(ErrorCode error) {
        Row row = rowsByCode.get(error.code());
        assertNotNull(row, error + " has no row");
        assertEquals(Integer.valueOf(error.family()), row.headingFamily(),
                error + " (line " + row.line() + ") sits under the wrong heading");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ErrorCode.class)
    void codesLookUpAndDescribeThemselves(ErrorCode error) {
        assertEquals(Optional.of(error), ErrorCode.of(error.code()));
        assertFalse(error.message().isBlank());
        assertEquals(error.message() + " (" + error.code() + ")", error.describe());
    }

    @Test
    void unknownNumbersLookUpToNothing() {
        assertEquals(Optional.empty(), ErrorCode.of(-1));
        assertEquals(Optional.empty(), ErrorCode.of(1000000));
        assertEquals(Optional.empty(), ErrorCode.of(Integer.MAX_VALUE));
    }

    @Test
    void constantNamesStartWithTheirFamilyPrefix() {
        Map<Integer, String> prefixes = Map.of(1000, "COMMON_", 1001, "ENGINE_", 1002, "ROOM_", 1003, "PUBLISHER_",
                1004, "PLAYER_", 1006, "DEVICE_", 1009, "MESSAGE_");
        Set<String> wrong = new HashSet<>();
        for (ErrorCode error : ErrorCode.values()) {
            if (error != ErrorCode.SUCCESS && !error.name().startsWith(prefixes.get(error.family()))) {
                wrong.add(error.name());
            }
        }
        assertTrue(wrong.isEmpty(), "named outside their family: " + wrong);
    }
}
