package io.ifastapi.params;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * List and Set: every value of a repeated query parameter or header, or a JSON array, each item validated at its
 * index. As in pydantic, a too long input is rejected before its items are looked at ({@code too_long}), a too short
 * one after they all validated ({@code too_short}).
 */
final class ListValidator implements Validator {
    private final Validator item;
    private final boolean set;
    private final int minLength;
    private final int maxLength;

    ListValidator(Validator item, boolean set, int minLength, int maxLength) {
        this.item = item;
        this.set = set;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    @Override
    public boolean isMulti() {
        return true;
    }

    @Override
    public Object fromText(String raw, Errors errors) {
        return fromTexts(List.of(raw), errors);
    }

    @Override
    public Object fromTexts(List<String> raws, Errors errors) {
        if (raws.size() > maxLength) {
            return tooLong(raws.size(), List.copyOf(raws), errors);
        }
        List<Object> out = new ArrayList<>(raws.size());
        int before = errors.size();
        for (int i = 0; i < raws.size(); i++) {
            errors.push(i);
            out.add(item.fromText(raws.get(i), errors));
            errors.pop();
        }
        return finish(out, before, raws, errors);
    }

    @Override
    public Object fromJson(JsonNode node, Errors errors) {
        if (!node.isArray()) {
            return set ? errors.add("set_type", "Input should be a valid set", JsonInput.of(node), null)
                    : errors.add("list_type", "Input should be a valid list", JsonInput.of(node), null);
        }
        if (node.size() > maxLength) {
            return tooLong(node.size(), JsonInput.of(node), errors);
        }
        List<Object> out = new ArrayList<>(node.size());
        int before = errors.size();
        for (int i = 0; i < node.size(); i++) {
            errors.push(i);
            out.add(item.fromJson(node.get(i), errors));
            errors.pop();
        }
        return finish(out, before, node, errors);
    }

    private Object finish(List<Object> out, int errorsBefore, Object rawInput, Errors errors) {
        if (errors.size() > errorsBefore) {
            return Errors.INVALID;
        }
        Object value = set ? Collections.unmodifiableSet(new LinkedHashSet<>(out)) : Collections.unmodifiableList(out);
        int size = set ? ((java.util.Set<?>) value).size() : out.size();
        if (size < minLength) {
            Object input = rawInput instanceof JsonNode node ? JsonInput.of(node) : List.copyOf((List<?>) rawInput);
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("field_type", set ? "Set" : "List");
            ctx.put("min_length", minLength);
            ctx.put("actual_length", size);
            return errors.add("too_short", (set ? "Set" : "List") + " should have at least " + minLength + " item"
                    + (minLength == 1 ? "" : "s") + " after validation, not " + size, input, ctx);
        }
        return value;
    }

    private Object tooLong(int size, Object input, Errors errors) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("field_type", set ? "Set" : "List");
        ctx.put("max_length", maxLength);
        ctx.put("actual_length", size);
        return errors.add("too_long", (set ? "Set" : "List") + " should have at most " + maxLength + " item"
                + (maxLength == 1 ? "" : "s") + " after validation, not " + size, input, ctx);
    }
}
