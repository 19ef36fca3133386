package io.ifastapi.params;

import io.ifastapi.IFastAPI;
import io.ifastapi.forms.UploadFile;
import io.ifastapi.json.Json;
import io.ifastapi.routing.Operation;
import io.ifastapi.testclient.Multipart;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code @Form} and {@code @File} components. Every expected body was answered by FastAPI 0.142.2 (pydantic 2.13.5,
 * Starlette 1.7) to the same request, from twin routes declared with {@code Form()} and {@code File()}.
 */
class FormParamsTest {
    enum Color { red, blue }

    record Fields(@Form @Size(min = 2, max = 5) String name,
                  @Form @Min(0) int age,
                  @Form @Default("false") boolean ok,
                  @Form Optional<Color> color,
                  @Form Optional<LocalDate> day,
                  @Form @Default("[]") List<String> tags,
                  @Form @Default("[]") List<Integer> nums,
                  @Form("x-al") @Default("d") String xAl,
                  @Form @Pattern(regexp = "^[a-z]+$") Optional<String> pat) {}

    record Upload(@File UploadFile file, @Form @Size(max = 3) @Default("") String note) {}

    record MaybeUpload(@File Optional<UploadFile> file) {}

    record Uploads(@File List<UploadFile> files) {}

    private static IFastAPI app() {
        IFastAPI app = new IFastAPI();
        app.post("/f", Fields.class, (request, p) -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", p.name());
            out.put("age", p.age());
            out.put("ok", p.ok());
            out.put("color", p.color().orElse(null));
            out.put("day", p.day().map(LocalDate::toString).orElse(null));
            out.put("tags", p.tags());
            out.put("nums", p.nums());
            out.put("x_al", p.xAl());
            out.put("pat", p.pat().orElse(null));
            return out;
        });
        app.post("/up", Upload.class, (request, p) -> Json.object("filename", p.file().filename(),
                "ct", p.file().contentType(), "size", p.file().bytes().length, "note", p.note()));
        app.post("/upopt", MaybeUpload.class, (request, p) ->
                Json.object("filename", p.file().map(UploadFile::filename).orElse(null)));
        app.post("/uplist", Uploads.class, (request, p) ->
                Json.object("n", p.files().stream().map(UploadFile::filename).toList()));
        return app;
    }

    private static String form(String path, Map<String, ?> fields) {
        try (TestClient client = new TestClient(app())) {
            TestResponse response = client.post(path).form(fields).send();
            return response.status() + " " + response.text();
        }
    }

    private static String multipart(String path, Multipart body) {
        try (TestClient client = new TestClient(app())) {
            TestResponse response = client.post(path).multipart(body).send();
            return response.status() + " " + response.text();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void fieldsOfEveryKindBind() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "ab");
        fields.put("age", "3");
        fields.put("ok", "yes");
        fields.put("color", "red");
        fields.put("day", "2020-01-02");
        fields.put("tags", List.of("a", "b"));
        fields.put("nums", List.of("1", "2"));
        fields.put("x-al", "q");
        fields.put("pat", "abc");
        assertThat(form("/f", fields)).isEqualTo("200 {\"name\":\"ab\",\"age\":3,\"ok\":true,\"color\":\"red\","
                + "\"day\":\"2020-01-02\",\"tags\":[\"a\",\"b\"],\"nums\":[1,2],\"x_al\":\"q\",\"pat\":\"abc\"}");
    }

    @Test
    void aRepeatedScalarFieldTakesItsLastValue() {
        assertThat(form("/f", Map.of("name", List.of("ab", "cde"), "age", List.of("1", "2"))))
                .isEqualTo("200 {\"name\":\"cde\",\"age\":2,\"ok\":false,\"color\":null,\"day\":null,\"tags\":[],"
                        + "\"nums\":[],\"x_al\":\"d\",\"pat\":null}");
    }

    private static final String NAME_AND_AGE_MISSING = "422 {\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\","
            + "\"name\"],\"msg\":\"Field required\",\"input\":null},{\"type\":\"missing\",\"loc\":[\"body\",\"age\"],"
            + "\"msg\":\"Field required\",\"input\":null}]}";

    @Test
    void missingAndEmptyFieldsAreMissingWithANullInput() {
        assertThat(form("/f", Map.of())).isEqualTo(NAME_AND_AGE_MISSING);
        assertThat(form("/f", Map.of("name", "", "age", "", "ok", "", "color", "", "pat", "")))
                .isEqualTo(NAME_AND_AGE_MISSING);
    }

    @Test
    void aJsonBodyOrNoBodyLeavesEveryFieldMissing() {
        try (TestClient client = new TestClient(app())) {
            TestResponse json = client.post("/f").json(Map.of("name", "ab", "age", 3)).send();
            assertThat(json.status() + " " + json.text()).isEqualTo(NAME_AND_AGE_MISSING);
            TestResponse none = client.post("/f").send();
            assertThat(none.status() + " " + none.text()).isEqualTo(NAME_AND_AGE_MISSING);
        }
    }

    @Test
    void invalidFieldsAnswerPydanticsErrorsInDeclarationOrder() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "a");
        fields.put("age", "x");
        fields.put("ok", "maybe");
        fields.put("color", "green");
        fields.put("day", "2020-13-01");
        fields.put("nums", List.of("1", "z"));
        fields.put("pat", "ABC");
        assertThat(form("/f", fields)).isEqualTo("422 {\"detail\":[{\"type\":\"string_too_short\",\"loc\":[\"body\","
                + "\"name\"],\"msg\":\"String should have at least 2 characters\",\"input\":\"a\",\"ctx\":{\"min_length"
                + "\":2}},{\"type\":\"int_parsing\",\"loc\":[\"body\",\"age\"],\"msg\":\"Input should be a valid "
                + "integer, unable to parse string as an integer\",\"input\":\"x\"},{\"type\":\"bool_parsing\",\"loc"
                + "\":[\"body\",\"ok\"],\"msg\":\"Input should be a valid boolean, unable to interpret input\",\"input"
                + "\":\"maybe\"},{\"type\":\"enum\",\"loc\":[\"body\",\"color\"],\"msg\":\"Input should be 'red' or "
                + "'blue'\",\"input\":\"green\",\"ctx\":{\"expected\":\"'red' or 'blue'\"}},{\"type\":\"date_from_"
                + "datetime_parsing\",\"loc\":[\"body\",\"day\"],\"msg\":\"Input should be a valid date or datetime, "
                + "month value is outside expected range of 1-12\",\"input\":\"2020-13-01\",\"ctx\":{\"error\":\"month "
                + "value is outside expected range of 1-12\"}},{\"type\":\"int_parsing\",\"loc\":[\"body\",\"nums\",1],"
                + "\"msg\":\"Input should be a valid integer, unable to parse string as an integer\",\"input\":\"z\"},"
                + "{\"type\":\"string_pattern_mismatch\",\"loc\":[\"body\",\"pat\"],\"msg\":\"String should match "
                + "pattern '^[a-z]+$'\",\"input\":\"ABC\",\"ctx\":{\"pattern\":\"^[a-z]+$\"}}]}");
        assertThat(form("/f", Map.of("name", "abcdefg", "age", "-1"))).isEqualTo("422 {\"detail\":[{\"type\":"
                + "\"string_too_long\",\"loc\":[\"body\",\"name\"],\"msg\":\"String should have at most 5 characters\","
                + "\"input\":\"abcdefg\",\"ctx\":{\"max_length\":5}},{\"type\":\"greater_than_equal\",\"loc\":[\"body\","
                + "\"age\"],\"msg\":\"Input should be greater than or equal to 0\",\"input\":\"-1\",\"ctx\":{\"ge\":0}}]}");
    }

    @Test
    void multipartFieldsBindLikeUrlencodedOnes() {
        assertThat(multipart("/f", new Multipart().field("name", "ab").field("age", "3")
                .file("zz", "a.txt", "text/plain", bytes("x"))))
                .isEqualTo("200 {\"name\":\"ab\",\"age\":3,\"ok\":false,\"color\":null,\"day\":null,\"tags\":[],"
                        + "\"nums\":[],\"x_al\":\"d\",\"pat\":null}");
    }

    @Test
    void aFileWhereTextIsExpectedIsTheTypesError() {
        assertThat(multipart("/f", new Multipart().field("age", "1").file("name", "a.txt", "text/plain",
                bytes("abc")))).startsWith("422 {\"detail\":[{\"type\":\"string_type\",\"loc\":[\"body\",\"name\"],"
                + "\"msg\":\"Input should be a valid string\",\"input\":{\"filename\":\"a.txt\",\"size\":3,");
    }

    @Test
    void anUploadBindsWithItsNameTypeAndContent() {
        assertThat(multipart("/up", new Multipart().file("file", "a.txt", "text/plain", bytes("hello"))
                .field("note", "abc"))).isEqualTo("200 {\"filename\":\"a.txt\",\"ct\":\"text/plain\",\"size\":5,"
                + "\"note\":\"abc\"}");
    }

    @Test
    void aMissingUploadIsMissingAndOtherFieldsStillValidate() {
        assertThat(form("/up", Map.of("note", "abcd"))).isEqualTo("422 {\"detail\":[{\"type\":\"missing\",\"loc\":"
                + "[\"body\",\"file\"],\"msg\":\"Field required\",\"input\":null},{\"type\":\"string_too_long\",\"loc"
                + "\":[\"body\",\"note\"],\"msg\":\"String should have at most 3 characters\",\"input\":\"abcd\",\"ctx"
                + "\":{\"max_length\":3}}]}");
        try (TestClient client = new TestClient(app())) {
            TestResponse none = client.post("/up").send();
            assertThat(none.status() + " " + none.text()).isEqualTo("422 {\"detail\":[{\"type\":\"missing\",\"loc\":"
                    + "[\"body\",\"file\"],\"msg\":\"Field required\",\"input\":null}]}");
        }
        assertThat(form("/up", Map.of("file", ""))).isEqualTo("422 {\"detail\":[{\"type\":\"missing\",\"loc\":"
                + "[\"body\",\"file\"],\"msg\":\"Field required\",\"input\":null}]}");
    }

    @Test
    void textWhereAFileIsExpectedIsAValueError() {
        String expected = "422 {\"detail\":[{\"type\":\"value_error\",\"loc\":[\"body\",\"file\"],\"msg\":\"Value "
                + "error, Expected UploadFile, received: <class 'str'>\",\"input\":\"abc\",\"ctx\":{\"error\":{}}}]}";
        assertThat(form("/up", Map.of("file", "abc"))).isEqualTo(expected);
        assertThat(multipart("/up", new Multipart().field("file", "abc"))).isEqualTo(expected);
        assertThat(form("/upopt", Map.of("file", "abc"))).isEqualTo(expected);
    }

    @Test
    void anOptionalUploadIsEmptyWhenAbsentOrEmpty() {
        try (TestClient client = new TestClient(app())) {
            assertThat(client.post("/upopt").send().text()).isEqualTo("{\"filename\":null}");
        }
        assertThat(form("/upopt", Map.of("file", ""))).isEqualTo("200 {\"filename\":null}");
        assertThat(multipart("/upopt", new Multipart().file("file", "b.bin", null, bytes("1"))))
                .isEqualTo("200 {\"filename\":\"b.bin\"}");
    }

    @Test
    void aListOfUploadsTakesEveryOneAndLocatesEachError() {
        assertThat(multipart("/uplist", new Multipart().file("files", "a", null, bytes("1"))
                .file("files", "b", null, bytes("2")))).isEqualTo("200 {\"n\":[\"a\",\"b\"]}");
        try (TestClient client = new TestClient(app())) {
            TestResponse none = client.post("/uplist").send();
            assertThat(none.status() + " " + none.text()).isEqualTo("422 {\"detail\":[{\"type\":\"missing\",\"loc\":"
                    + "[\"body\",\"files\"],\"msg\":\"Field required\",\"input\":null}]}");
        }
        assertThat(multipart("/uplist", new Multipart().field("files", "str").file("files", "a", null, bytes("1"))))
                .isEqualTo("422 {\"detail\":[{\"type\":\"value_error\",\"loc\":[\"body\",\"files\",0],\"msg\":\"Value "
                        + "error, Expected UploadFile, received: <class 'str'>\",\"input\":\"str\",\"ctx\":{\"error\":"
                        + "{}}}]}");
    }

    @Test
    void badMultipartIsStarlettes400NotA422() {
        try (TestClient client = new TestClient(app())) {
            TestResponse response = client.post("/up").body(bytes("x"), "multipart/form-data").send();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).isEqualTo("{\"detail\":\"Missing boundary in multipart.\"}");
        }
    }

    // ----- what OpenAPI reads -----

    @Test
    void theOperationDescribesFormFieldsFilesAndTheBodysMediaType() {
        IFastAPI app = app();
        Map<String, RouteInputs> inputs = new LinkedHashMap<>();
        for (Operation operation : app.router().operations()) {
            inputs.put(operation.path(), operation.inputs());
        }
        RouteInputs upload = inputs.get("/up");
        assertThat(upload.parameters()).isEmpty();
        assertThat(upload.bodyType()).isNull();
        assertThat(upload.bodyMediaType()).isEqualTo("multipart/form-data");
        List<String> described = new ArrayList<>();
        for (Parameter p : upload.formFields()) {
            described.add(p.location() + ":" + p.name() + ":" + p.required() + ":" + p.constraints());
        }
        assertThat(described).containsExactly("file:file:true:{}", "form:note:false:{max_length=3}");
        assertThat(inputs.get("/f").bodyMediaType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(inputs.get("/f").formFields()).extracting(Parameter::name).contains("x-al");
    }

    // ----- declarations that cannot work -----

    record FormAndBody(@Form String name, @Body Fields fields) {}

    record FileOfText(@File String file) {}

    record ConstrainedFile(@File @Size(max = 2) List<UploadFile> files) {}

    record FormRecord(@Form Fields fields) {}

    @Test
    void declarationsThatCannotWorkFailAtRegistrationWithTheFix() {
        IFastAPI app = new IFastAPI();
        assertThatThrownBy(() -> app.post("/a", FormAndBody.class, (r, p) -> p))
                .hasMessageContaining("either JSON or a form");
        assertThatThrownBy(() -> app.post("/b", FileOfText.class, (r, p) -> p))
                .hasMessageContaining("UploadFile, Optional<UploadFile> or List<UploadFile>")
                .hasMessageContaining("use @Form");
        assertThatThrownBy(() -> app.post("/c", ConstrainedFile.class, (r, p) -> p))
                .hasMessageContaining("takes no @Default or constraint");
        assertThatThrownBy(() -> app.post("/d", FormRecord.class, (r, p) -> p))
                .hasMessageContaining("comes from the JSON body");
    }
}
