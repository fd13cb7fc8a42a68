package dev.tandem.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.temporal.Temporal;
import java.util.stream.Collectors;

/**
 * Says what was wrong with a field in words a client's author can act on ({@code field "completed" must be
 * true or false}), never in the parser's own terms (class names, feature flags), which tell an attacker what
 * the server runs and tell a developer nothing about the protocol.
 */
final class FieldErrors {
    private FieldErrors() {
    }

    static String describe(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? path(mapping) : "";
        if (field.isEmpty()) {
            return "a field has the wrong type or is missing";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String message = String.valueOf(mismatch.getOriginalMessage());
            if (message.contains("null")) {
                return "field \"" + field + "\" is required";
            }
            return "field \"" + field + "\" must be " + expected(mismatch.getTargetType());
        }
        return "field \"" + field + "\" is malformed";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String expected(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 time string";
        }
        if (type.isEnum()) {
            return "one of the documented values";
        }
        return "an object or list as documented";
    }
}
