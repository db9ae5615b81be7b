package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;

/**
 * The one entry point that turns protocol messages into JSON text and back.
 *
 * <p>Parsing is strict: duplicate keys, unknown properties, unknown types, wrong scalar types,
 * trailing content and nesting deeper than {@link Limits#MAX_JSON_NESTING_DEPTH} are all refused
 * with a {@link CodecException} that names the error code to reply with.
 *
 * <p>Thread-safe; share one instance.
 */
public final class MessageCodec {
    /** The protocol version this build speaks. */
    public static final int PROTOCOL_VERSION = 1;

    private final ObjectMapper mapper;
    private final ObjectReader clientReader;
    private final ObjectReader serverReader;
    private final ObjectWriter writer;

    public MessageCodec() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(Limits.MAX_JSON_NESTING_DEPTH)
                        .maxStringLength(Limits.MAX_FRAME_BYTES)
                        .maxNumberLength(32)
                        .build())
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
        JsonMapper jsonMapper = JsonMapper.builder(factory)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Integer, LogicalType.Boolean,
                LogicalType.Float, LogicalType.Enum}) {
            jsonMapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer || type == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, type == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        this.mapper = jsonMapper;
        this.clientReader = mapper.readerFor(ClientMessage.class);
        this.serverReader = mapper.readerFor(ServerMessage.class);
        this.writer = mapper.writer();
    }

    /** Encodes any protocol message as one line of JSON. */
    public String encode(Object message) {
        try {
            return writer.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    public ClientMessage decodeClient(String json) throws CodecException {
        return decode(clientReader, json);
    }

    public ServerMessage decodeServer(String json) throws CodecException {
        return decode(serverReader, json);
    }

    private <T> T decode(ObjectReader reader, String json) throws CodecException {
        if (json == null || json.isBlank()) {
            throw new CodecException(ErrorCode.COMMON_MALFORMED_MESSAGE, 0, "empty message", null);
        }
        JsonNode tree;
        try {
            // Parsing to a tree first reports every syntax, duplicate-key, depth, length and
            // trailing-content fault as malformed, wherever it sits in the document.
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CodecException(ErrorCode.COMMON_MALFORMED_MESSAGE, 0, e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new CodecException(ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, 0, "a message must be a JSON object", null);
        }
        JsonNode idNode = tree.get("id");
        long id = idNode != null && idNode.isIntegralNumber() && idNode.canConvertToLong() ? idNode.asLong() : 0;
        try {
            return reader.readValue(tree);
        } catch (InvalidTypeIdException e) {
            throw new CodecException(ErrorCode.COMMON_UNKNOWN_MESSAGE_TYPE, id, e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new CodecException(ErrorCode.COMMON_INVALID_FIELD, id, e.getOriginalMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new CodecException(ErrorCode.COMMON_INVALID_FIELD, id, String.valueOf(e.getMessage()), e);
        }
    }
}
