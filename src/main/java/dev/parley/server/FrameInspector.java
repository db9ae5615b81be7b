package dev.parley.server;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Follows the frames a client sends after the upgrade and checks each frame's header against
 * RFC 6455 section 5 before the WebSocket library decodes it: client frames are masked, reserved
 * bits are clear (no extension is negotiated), the opcode is defined, lengths use their shortest
 * encoding, control frames are whole and at most 125 bytes, fragments follow each other in order,
 * and a close frame carries a valid status code and a UTF-8 reason.
 *
 * <p>{@link #inspect} takes the bytes as they arrive, in any split, and passes on those that may
 * go to the library: a control frame is held back until it is complete (at most 139 bytes),
 * everything else flows through as soon as its header is checked. After a violation nothing more
 * is let through.
 *
 * <p>Not thread-safe: one per connection, used on that connection's WebSocket worker thread.
 */
final class FrameInspector {
    /** A broken rule, with the close status to answer it with. */
    record Violation(int closeCode, String reason) {
    }

    private static final int MAX_HEADER = 14;
    private static final int MAX_CONTROL_PAYLOAD = 125;

    /** The most bytes held back at a time: the longest header, or a whole control frame. */
    static final int MAX_HELD = MAX_HEADER + MAX_CONTROL_PAYLOAD;

    /** The frame being checked as far as it has arrived, up to its header (or the whole control frame). */
    private final byte[] held = new byte[MAX_HELD];
    private int heldLength;
    /** Payload bytes of the current data frame still to pass through unchecked. */
    private long payloadLeft;
    private boolean inFragmentedMessage;
    private Violation violation;

    /** The first rule broken, or null. */
    Violation violation() {
        return violation;
    }

    /**
     * Consumes {@code input} from its position to its limit and appends to {@code forward} the
     * bytes that may be decoded now: everything up to an incomplete frame header or control frame
     * (kept here and appended by a later call once complete), or up to a broken rule (see
     * {@link #violation()}; the rest is dropped). {@code forward} needs room for
     * {@code input.remaining()} plus {@link #MAX_HELD} bytes.
     */
    void inspect(ByteBuffer input, ByteBuffer forward) {
        while (input.hasRemaining() && violation == null) {
            if (payloadLeft > 0) {
                int take = (int) Math.min(payloadLeft, input.remaining());
                int limit = input.limit();
                input.limit(input.position() + take);
                forward.put(input);
                input.limit(limit);
                payloadLeft -= take;
                continue;
            }
            held[heldLength++] = input.get();
            int ready = checkHeld();
            if (ready > 0) {
                forward.put(held, 0, ready);
                heldLength = 0;
            }
        }
        input.position(input.limit());
    }

    /**
     * Checks the frame in {@link #held} as far as it has arrived.
     *
     * @return the number of held bytes to forward now (the header of a data frame, or a whole
     *         control frame), or 0 to wait for more
     */
    private int checkHeld() {
        int b0 = held[0] & 0xFF;
        if (heldLength < 2) {
            return 0;
        }
        int b1 = held[1] & 0xFF;
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0F;
        if (heldLength == 2) {
            if ((b0 & 0x70) != 0) {
                return fail(1002, "reserved bits set");
            }
            if ((b1 & 0x80) == 0) {
                return fail(1002, "client frames must be masked");
            }
            boolean control = (opcode & 0x08) != 0;
            if (!(opcode <= 2 || (opcode >= 8 && opcode <= 10))) {
                return fail(1002, "unknown opcode " + opcode);
            }
            if (control && (!fin || (b1 & 0x7F) > MAX_CONTROL_PAYLOAD)) {
                return fail(1002, "control frames must be whole and at most 125 bytes");
            }
            if (!control) {
                if (opcode == 0 && !inFragmentedMessage) {
                    return fail(1002, "continuation without a message to continue");
                }
                if (opcode != 0 && inFragmentedMessage) {
                    return fail(1002, "new message before the fragmented one ended");
                }
                inFragmentedMessage = !fin;
            }
        }
        int lengthCode = b1 & 0x7F;
        int headerLength = 2 + (lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0) + 4;
        if (heldLength < headerLength) {
            return 0;
        }
        long payloadLength = lengthCode;
        if (lengthCode == 126) {
            payloadLength = ((held[2] & 0xFF) << 8) | (held[3] & 0xFF);
            if (payloadLength < 126) {
                return fail(1002, "frame length not in its shortest form");
            }
        } else if (lengthCode == 127) {
            payloadLength = 0;
            for (int k = 2; k < 10; k++) {
                payloadLength = (payloadLength << 8) | (held[k] & 0xFF);
            }
            if (payloadLength < 0) {
                return fail(1002, "frame length over 2^63");
            }
            if (payloadLength <= 0xFFFF) {
                return fail(1002, "frame length not in its shortest form");
            }
        }
        if ((opcode & 0x08) == 0) {
            payloadLeft = payloadLength;
            return headerLength;
        }
        if (heldLength < headerLength + payloadLength) {
            return 0;
        }
        if (opcode == 8 && !validClosePayload(headerLength, (int) payloadLength)) {
            return 0;
        }
        return heldLength;
    }

    private boolean validClosePayload(int headerLength, int payloadLength) {
        if (payloadLength == 0) {
            return true;
        }
        if (payloadLength == 1) {
            fail(1002, "close frame with a one-byte payload");
            return false;
        }
        byte[] payload = new byte[payloadLength];
        for (int k = 0; k < payloadLength; k++) {
            payload[k] = (byte) (held[headerLength + k] ^ held[headerLength - 4 + (k & 3)]);
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!validCloseCode(code)) {
            fail(1002, "invalid close code " + code);
            return false;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload, 2, payloadLength - 2));
        } catch (CharacterCodingException e) {
            fail(1007, "close reason is not UTF-8");
            return false;
        }
        return true;
    }

    /** The codes an endpoint may send (RFC 6455 section 7.4 and the IANA registry). */
    static boolean validCloseCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    private int fail(int closeCode, String reason) {
        violation = new Violation(closeCode, reason);
        return 0;
    }
}
