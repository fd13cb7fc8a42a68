package dev.tandem.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one JSON codec of the protocol, used by servers and clients alike. Thread-safe: one shared
 * instance serves every thread.
 */
public final class Codec {
    private static final Codec INSTANCE = new Codec();

    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Newer clients and servers may add fields; older ones ignore them.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Strict types: a string is not a boolean or a number, a number is not a string, a float is not
            // an int. A client that sends "true" for true has a bug the server should name, not paper over.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, c -> c
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();
    private final Set<String> clientTypes = typeNames(ClientMessage.class);
    private final Set<String> serverTypes = typeNames(ServerMessage.class);

    private Codec() {
    }

    /** The shared codec. */
    public static Codec get() {
        return INSTANCE;
    }

    /** The Jackson mapper behind the codec, for callers that need JSON beyond protocol messages. */
    public ObjectMapper mapper() {
        return mapper;
    }

    public String encode(ServerMessage message) {
        return write(message, ServerMessage.class);
    }

    public String encode(ClientMessage message) {
        return write(message, ClientMessage.class);
    }

    /**
     * Parses and validates one client frame.
     *
     * @throws ProtocolException {@code too_large}, {@code bad_json}, {@code unknown_type} or {@code invalid},
     *                           with the request's client id as ref where it could be read
     */
    public ClientMessage decodeClient(String frame) throws ProtocolException {
        if (exceedsFrameLimit(frame)) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "frame exceeds " + Limits.MAX_FRAME_BYTES + " bytes");
        }
        ClientMessage message = read(frame, ClientMessage.class, clientTypes);
        message.validate();
        return message;
    }

    /**
     * Parses one server frame (what clients call). Server frames may be far larger than client ones: a
     * welcome carries the history and the whole todo list ({@link Limits#MAX_SERVER_FRAME_BYTES}).
     */
    public ServerMessage decodeServer(String frame) throws ProtocolException {
        if (exceedsLimit(frame, Limits.MAX_SERVER_FRAME_BYTES)) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "frame exceeds " + Limits.MAX_SERVER_FRAME_BYTES + " bytes");
        }
        return read(frame, ServerMessage.class, serverTypes);
    }

    /** True if a client frame is over {@link Limits#MAX_FRAME_BYTES} in UTF-8. */
    public static boolean exceedsFrameLimit(String frame) {
        return exceedsLimit(frame, Limits.MAX_FRAME_BYTES);
    }

    /** The size of a frame in UTF-8 bytes, computed only when the character count cannot settle it. */
    private static boolean exceedsLimit(String frame, int maxBytes) {
        if (frame.length() * 3L <= maxBytes) {
            return false;
        }
        if (frame.length() > maxBytes) {
            return true;
        }
        return frame.getBytes(StandardCharsets.UTF_8).length > maxBytes;
    }

    private <T> T read(String frame, Class<T> base, Set<String> knownTypes) throws ProtocolException {
        JsonNode tree;
        try {
            tree = mapper.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "a message must be a JSON object");
        }
        JsonNode idNode = tree.get("clientId");
        String ref = idNode != null && idNode.isTextual() ? idNode.asText() : null;
        JsonNode typeNode = tree.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new ProtocolException(ErrorCode.INVALID, "the \"type\" field is required", ref);
        }
        if (!knownTypes.contains(typeNode.asText())) {
            throw new ProtocolException(ErrorCode.UNKNOWN_TYPE,
                    "unknown message type \"" + abbreviate(typeNode.asText()) + "\"", ref);
        }
        try {
            return mapper.treeToValue(tree, base);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(ErrorCode.INVALID,
                    "malformed " + typeNode.asText() + ": " + FieldErrors.describe(e), ref);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.INVALID, "malformed " + typeNode.asText(), ref);
        }
    }

    private String write(Object message, Class<?> base) {
        try {
            return mapper.writerFor(base).writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static Set<String> typeNames(Class<?> base) {
        return Arrays.stream(base.getAnnotation(JsonSubTypes.class).value())
                .map(t -> t.value().getAnnotation(JsonTypeName.class).value())
                .collect(Collectors.toUnmodifiableSet());
    }
}
