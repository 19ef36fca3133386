package io.ifastapi.security;

import io.ifastapi.dependencies.Dependency;
import io.ifastapi.forms.FormData;
import io.ifastapi.forms.UploadFile;
import io.ifastapi.http.Request;
import io.ifastapi.params.FormFields;
import io.ifastapi.params.Parameter;
import io.ifastapi.params.RequestValidationError;
import io.ifastapi.params.TypeRef;
import io.ifastapi.params.ValidationError;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The token request of OAuth2's password flow, for the route that issues tokens (FastAPI's
 * {@code OAuth2PasswordRequestForm}): reads {@code grant_type}, {@code username}, {@code password}, {@code scope},
 * {@code client_id} and {@code client_secret} from the form body ({@code application/x-www-form-urlencoded}, or
 * multipart) and provides an {@link OAuth2PasswordRequest}.
 *
 * <pre>{@code
 * record TokenIn(@Depends(OAuth2PasswordRequestForm.class) OAuth2PasswordRequest form) {}
 * app.post("/token", TokenIn.class, (request, in) -> {
 *     User user = users.authenticate(in.form().username(), in.form().password());   // yours
 *     if (user == null) throw new HTTPException(400, "Incorrect username or password");
 *     return Map.of("access_token", tokens.issue(user), "token_type", "bearer");
 * });
 * }</pre>
 *
 * <p>As in FastAPI 0.14x: {@code username} and {@code password} are required, an empty value counts as absent, each
 * missing one is a 422 {@code missing} at {@code ["body", "username"]} (joined with the route's other errors);
 * {@code grant_type} is optional but must match {@code ^password$} when sent ({@code string_pattern_mismatch});
 * {@code scope} is split on whitespace into {@link OAuth2PasswordRequest#scopes()}; a repeated field gives its last
 * value. {@link OAuth2PasswordRequestFormStrict} requires {@code grant_type}, as the OAuth2 specification does.
 * Checking the credentials stays with the route.
 */
public class OAuth2PasswordRequestForm implements Dependency<Void, OAuth2PasswordRequest>, FormFields {
    private static final String GRANT_TYPE_PATTERN = "^password$";
    private static final Pattern GRANT_TYPE = Pattern.compile(GRANT_TYPE_PATTERN);

    /** {@code Optional<String>}, FastAPI's {@code str | None}, for the OpenAPI generator. */
    private static final Type OPTIONAL_STRING = new TypeRef<Optional<String>>() { }.type();

    private final boolean grantTypeRequired;

    public OAuth2PasswordRequestForm() {
        this(false);
    }

    /** For the strict variant: {@code grant_type} required. */
    protected OAuth2PasswordRequestForm(boolean grantTypeRequired) {
        this.grantTypeRequired = grantTypeRequired;
    }

    @Override
    public OAuth2PasswordRequest provide(Request request, Void none) {
        FormData form = request.form();
        List<ValidationError> errors = new ArrayList<>(0);
        String grantType = text(form, "grant_type", grantTypeRequired, errors);
        if (grantType != null && !GRANT_TYPE.matcher(grantType).find()) {
            errors.add(new ValidationError("string_pattern_mismatch", loc("grant_type"),
                    "String should match pattern '" + GRANT_TYPE_PATTERN + "'", grantType,
                    Map.of("pattern", GRANT_TYPE_PATTERN)));
        }
        String username = text(form, "username", true, errors);
        String password = text(form, "password", true, errors);
        String scope = text(form, "scope", false, errors);
        String clientId = text(form, "client_id", false, errors);
        String clientSecret = text(form, "client_secret", false, errors);
        if (!errors.isEmpty()) {
            throw new RequestValidationError(errors);
        }
        List<String> scopes = scope == null || scope.isBlank() ? List.of()
                : Arrays.asList(scope.strip().split("\\s+"));
        return new OAuth2PasswordRequest(grantType, username, password, scopes, clientId, clientSecret);
    }

    /**
     * The field's last value (Starlette's form.get), null when absent or empty (FastAPI treats an empty form value
     * as not sent); an upload where text is expected is pydantic's {@code string_type}.
     */
    private static String text(FormData form, String name, boolean required, List<ValidationError> errors) {
        List<Object> values = form.values(name);
        Object value = values.isEmpty() ? null : values.getLast();
        if (value instanceof UploadFile file) {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("filename", file.filename());
            input.put("size", file.size());
            errors.add(new ValidationError("string_type", loc(name), "Input should be a valid string", input, null));
            return null;
        }
        String text = (String) value;
        if (text == null || text.isEmpty()) {
            if (required) {
                errors.add(new ValidationError("missing", loc(name), "Field required", null, null));
            }
            return null;
        }
        return text;
    }

    private static List<Object> loc(String name) {
        return List.of("body", name);
    }

    /** The form as the OpenAPI document describes it (FastAPI's Body_..._post schema). */
    @Override
    public List<Parameter> formFields() {
        return List.of(
                new Parameter("grant_type", "form", grantTypeRequired ? String.class : optionalString(),
                        grantTypeRequired, null, Map.of("pattern", GRANT_TYPE_PATTERN)),
                new Parameter("username", "form", String.class, true, null, Map.of()),
                new Parameter("password", "form", String.class, true, null, Map.of()),
                new Parameter("scope", "form", String.class, false, "", Map.of()),
                new Parameter("client_id", "form", optionalString(), false, null, Map.of()),
                new Parameter("client_secret", "form", optionalString(), false, null, Map.of()));
    }

    private static Type optionalString() {
        return OPTIONAL_STRING;
    }
}
