package dev.parley.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import sun.misc.Unsafe;

/** The C heap's freed pages go back to the system when the trimmer asks: the JVM reports the fall of its RSS. */
@EnabledOnOs(OS.LINUX)
class NativeHeapTrimmerTest {
    private static final int BLOCK = 64 * 1024;
    private static final int BLOCKS = 2048;
    private static final Pattern CHANGE = Pattern.compile("\\((-?\\d+)([KMG])\\)");

    @Test
    void pagesFreedInTheMiddleOfTheCHeapLeaveTheProcess() throws Exception {
        assertTrue(NativeHeapTrimmer.supported(), "this JVM has System.trim_native_heap");
        Unsafe unsafe = unsafe();
        long[] blocks = new long[BLOCKS];
        for (int i = 0; i < BLOCKS; i++) {
            blocks[i] = unsafe.allocateMemory(BLOCK);
            unsafe.setMemory(blocks[i], BLOCK, (byte) 1);
        }
        // a block above the freed ones keeps glibc from giving them back by itself when they are freed
        long pin = unsafe.allocateMemory(BLOCK);
        try {
            for (long block : blocks) {
                unsafe.freeMemory(block);
            }
            String answer = NativeHeapTrimmer.trimOnce().orElseThrow();
            Matcher m = CHANGE.matcher(answer);
            assertTrue(m.find(), answer);
            long kib = Long.parseLong(m.group(1)) * switch (m.group(2)) {
                case "M" -> 1024L;
                case "G" -> 1024L * 1024;
                default -> 1L;
            };
            // 128 MiB were freed; at least half of it leaves the resident set
            assertTrue(kib <= -64 * 1024, "resident change " + kib + " KiB: " + answer);
        } finally {
            unsafe.freeMemory(pin);
        }
    }

    private static Unsafe unsafe() throws ReflectiveOperationException {
        Field field = Unsafe.class.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        return (Unsafe) field.get(null);
    }
}
