package io.ifastapi.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ifastapi.forms.FormData;
import io.ifastapi.forms.UploadFile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds {@link Form} fields and {@link File} uploads as FastAPI 0.14x does: a scalar takes the last value sent under
 * its name (Starlette's {@code form[name]}), a list every value; an absent field, or an empty text value, is the
 * default or {@code missing} (input null); a text value where a file is expected is a {@code value_error}. Errors are
 * located at {@code ["body", name]}.
 */
final class FormFields {
    private static final Map<String, Object> EMPTY_ERROR_CTX = Map.of("error", Map.of());

    /** How a {@link File} component holds its uploads. */
    enum FileShape { SINGLE, OPTIONAL, LIST }

    private FormFields() {
    }

    static Object field(FormData form, String name, RecordValidator.Field field, Errors errors) {
        List<Object> values = form.values(name);
        boolean multi = field.validator().isMulti();
        Object last = values.isEmpty() ? null : values.getLast();
        if (values.isEmpty() || (!multi && "".equals(last))) {
            return absent(field.required(), field.defaultValue(), errors, name);
        }
        errors.push("body");
        errors.push(name);
        try {
            Object value;
            if (multi) {
                value = allText(values) ? field.validator().fromTexts(texts(values), errors)
                        : field.validator().fromJson(asJsonArray(values), errors);
            } else {
                value = last instanceof String text ? field.validator().fromText(text, errors)
                        : field.validator().fromJson(asJson((UploadFile) last), errors);
            }
            return field.optional() && value != Errors.INVALID ? Optional.of(value) : value;
        } finally {
            errors.pop();
            errors.pop();
        }
    }

    static Object file(FormData form, String name, FileShape shape, Errors errors) {
        List<Object> values = form.values(name);
        boolean required = shape != FileShape.OPTIONAL;
        if (values.isEmpty() || (shape != FileShape.LIST && "".equals(values.getLast()))) {
            return absent(required, shape == FileShape.OPTIONAL ? Optional.empty() : null, errors, name);
        }
        errors.push("body");
        errors.push(name);
        try {
            if (shape != FileShape.LIST) {
                Object upload = upload(values.getLast(), errors);
                return shape == FileShape.OPTIONAL && upload != Errors.INVALID ? Optional.of(upload) : upload;
            }
            List<Object> uploads = new ArrayList<>(values.size());
            int before = errors.size();
            for (int i = 0; i < values.size(); i++) {
                errors.push(i);
                uploads.add(upload(values.get(i), errors));
                errors.pop();
            }
            return errors.size() > before ? Errors.INVALID : Collections.unmodifiableList(uploads);
        } finally {
            errors.pop();
            errors.pop();
        }
    }

    private static Object upload(Object value, Errors errors) {
        if (value instanceof UploadFile file) {
            return file;
        }
        // FastAPI's UploadFile validator raises ValueError(f"Expected UploadFile, received: {type(value)}").
        return errors.add("value_error", "Value error, Expected UploadFile, received: <class 'str'>", value,
                EMPTY_ERROR_CTX);
    }

    private static Object absent(boolean required, Object defaultValue, Errors errors, String name) {
        if (!required) {
            return defaultValue;
        }
        errors.push("body");
        errors.push(name);
        errors.add("missing", "Field required", null, null);
        errors.pop();
        errors.pop();
        return Errors.INVALID;
    }

    private static boolean allText(List<Object> values) {
        for (Object value : values) {
            if (!(value instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> texts(List<Object> values) {
        List<String> texts = new ArrayList<>(values.size());
        for (Object value : values) {
            texts.add((String) value);
        }
        return texts;
    }

    private static ArrayNode asJsonArray(List<Object> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(values.size());
        for (Object value : values) {
            array.add(value instanceof String text ? JsonNodeFactory.instance.textNode(text)
                    : asJson((UploadFile) value));
        }
        return array;
    }

    /**
     * An upload sent where text is expected, as an error's input. pydantic echoes Starlette's UploadFile object
     * there (its internals included); its name, size and headers are what a client can use.
     */
    private static JsonNode asJson(UploadFile file) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("filename", file.filename());
        node.put("size", file.size());
        ObjectNode headers = node.putObject("headers");
        Map<String, String> seen = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : file.headers().entries()) {
            seen.putIfAbsent(header.getKey(), header.getValue());
        }
        seen.forEach(headers::put);
        return node;
    }
}
