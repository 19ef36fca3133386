package io.ifastapi.params;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The fields of a JSON body model, a record or a bean, as validation reads them: for the OpenAPI generator, which
 * documents a bean (public setters or fields) with the same properties, order, required-ness, defaults and
 * constraints as the validation applies.
 */
public final class BodyModels {
    private BodyModels() {
    }

    /** True for a type validated as a model: a record, or a class with a no-argument constructor (a bean). */
    public static boolean isModel(Class<?> type) {
        return type.isRecord() || BeanModel.isCandidate(type);
    }

    /**
     * The model's fields in validation order, each a {@link Parameter} located "body": its JSON name, declared type
     * (Optional included), whether required, its default (already converted) and its constraints under pydantic's
     * names.
     *
     * @throws IllegalArgumentException when the type cannot be a body model, with the fix
     */
    public static List<Parameter> fields(Class<?> model) {
        if (!isModel(model)) {
            throw new IllegalArgumentException(model.getName() + " is not a body model: use a record, or a class with "
                    + "a no-argument constructor and public setters or fields");
        }
        List<Parameter> out = new ArrayList<>();
        for (RecordValidator.Field field : RecordValidator.of(model).fields()) {
            out.add(new Parameter(field.name(), "body", field.type(), field.required(), field.defaultValue(),
                    field.annotations() == null ? java.util.Map.of() : Constraints.describe(field.annotations())));
        }
        return Collections.unmodifiableList(out);
    }
}
