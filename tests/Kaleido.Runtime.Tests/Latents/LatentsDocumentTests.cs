using System.Text;
using Kaleido.Runtime.Latents;

namespace Kaleido.Runtime.Tests.Latents;

/// <summary>The JSON latents document: canonical bytes, round trips, and every field's mistakes.</summary>
public class LatentsDocumentTests
{
    static readonly BboxLatents PaperBbox = LatentsParser.ParseBbox(
        "Dog (1, 33, 995, 995) resting head on owner's lap (1, 630, 785, 998) while they work on a laptop (39, 336, 999, 972).");

    // Written by hand from docs/latents.md: field order, two-space indent, '\n', boxes on one line.
    const string GoldenCliDocument = """
        {
          "format": "kaleido-latents",
          "version": 1,
          "prompt": "Dog laying on a human's lap",
          "kind": "bbox",
          "text": "Dog (1, 33, 995, 995) resting head on owner's lap (1, 630, 785, 998) while they work on a laptop (39, 336, 999, 972).",
          "items": {
            "phrases": [
              {
                "phrase": "Dog",
                "box": [1, 33, 995, 995]
              },
              {
                "phrase": "resting head on owner's lap",
                "box": [1, 630, 785, 998]
              },
              {
                "phrase": "while they work on a laptop",
                "box": [39, 336, 999, 972]
              }
            ],
            "tail": "."
          },
          "textDigest": "19269cced976d4b5",
          "modelId": "kaleido-cc12m-bbox",
          "seed": 18446744073709551615,
          "index": 3,
          "sampling": {
            "steps": 50,
            "sampler": "ddim",
            "guidance": 7,
            "eta": 0,
            "temperature": 1,
            "topK": 50,
            "topP": 0.9
          }
        }

        """;

    static LatentsDocument GoldenDocument => new("Dog laying on a human's lap", PaperBbox)
    {
        ModelId = "kaleido-cc12m-bbox",
        Seed = ulong.MaxValue,
        Index = 3,
        Sampling = new SamplingSettings
        {
            Steps = 50, Sampler = "ddim", Guidance = 7.0, Eta = 0.0, Temperature = 1.0, TopK = 50, TopP = 0.9,
        },
    };

    [Fact]
    public void Cli_document_is_written_as_the_golden_json()
    {
        Assert.Equal(GoldenCliDocument, LatentsDocumentWriter.Write(GoldenDocument));
        Assert.Equal(GoldenDocument, LatentsDocumentReader.Read(GoldenCliDocument));
    }

    [Fact]
    public void Base_seed_is_written_after_the_seed_and_read_back()
    {
        LatentsDocument document = GoldenDocument with { Seed = 7336315901989508037, BaseSeed = 1 };

        string json = LatentsDocumentWriter.Write(document, indented: false);

        Assert.Contains("\"seed\":7336315901989508037,\"baseSeed\":1,\"index\":3", json);
        Assert.Equal(document, LatentsDocumentReader.Read(json));
        Assert.DoesNotContain("baseSeed", LatentsDocumentWriter.Write(GoldenDocument)); // absent: left out, as before
        var e = Assert.Throws<LatentsFormatException>(() => LatentsDocumentReader.Read(json.Replace("\"baseSeed\":1", "\"baseSeed\":-1")));
        Assert.Equal("baseSeed", e.Field);
    }

    [Fact]
    public void A_guidance_cutoff_is_written_after_the_guidance_and_read_back()
    {
        LatentsDocument document = GoldenDocument with { Sampling = GoldenDocument.Sampling! with { GuidanceCutoff = 110 } };

        string json = LatentsDocumentWriter.Write(document, indented: false);

        Assert.Contains("\"guidance\":7,\"guidanceCutoff\":110,\"eta\":0", json);
        Assert.Equal(document, LatentsDocumentReader.Read(json));
        Assert.DoesNotContain("guidanceCutoff", LatentsDocumentWriter.Write(GoldenDocument)); // absent: guidance at every step
    }

    [Fact]
    public void Dataset_record_is_one_line_without_run_fields()
    {
        var record = new LatentsDocument("a \"quoted\" café", new VokenLatents([12, 7, 301])) { ImagePath = "images/000001.png" };
        const string expected =
            """{"format":"kaleido-latents","version":1,"prompt":"a \"quoted\" café","kind":"voken","text":"<v12>#<v7>#<v301>","items":{"codes":[12, 7, 301]},"textDigest":"ce6b24612c3b20b6","imagePath":"images/000001.png"}""";

        Assert.Equal(expected, LatentsDocumentWriter.Write(record, indented: false));
        Assert.Equal(record, LatentsDocumentReader.Read(expected));
    }

    [Fact]
    public void Random_documents_round_trip_through_json()
    {
        var random = new RandomLatents(seed: 99);
        for (int i = 0; i < 1500; i++)
        {
            var document = new LatentsDocument(random.AnyText(0, 10), random.Of(random.Kind()))
            {
                ModelId = random.Random.Next(2) == 0 ? null : "model-" + random.Random.Next(),
                Seed = random.Random.Next(2) == 0 ? null : (ulong)random.Random.NextInt64() * 3,
                Index = random.Random.Next(2) == 0 ? null : random.Random.Next(),
                Sampling = random.Random.Next(2) == 0 ? null : new SamplingSettings
                {
                    Steps = random.Random.Next(2) == 0 ? null : random.Random.Next(1, 1000),
                    Guidance = random.Random.Next(2) == 0 ? null : random.Random.NextDouble() * 20,
                    TopP = random.Random.Next(2) == 0 ? null : 1 - random.Random.NextDouble() * 0.99,
                    Temperature = random.Random.NextDouble(),
                    MaxLatentTokens = random.Random.Next(2) == 0 ? null : random.Random.Next(1, 1000),
                },
                ImagePath = random.Random.Next(2) == 0 ? null : $"images/{i:D6}.png",
            };
            bool indented = i % 2 == 0;

            string json = LatentsDocumentWriter.Write(document, indented);
            LatentsDocument read = LatentsDocumentReader.Read(json);

            Assert.Equal(document, read);
            Assert.Equal(json, LatentsDocumentWriter.Write(read, indented));
        }
    }

    const string Minimal = """{"format":"kaleido-latents","version":1,"prompt":"p","kind":"bbox","text":"Dog (1, 2, 3, 4)."}""";

    [Fact]
    public void Items_are_optional_and_text_may_be_loosely_spaced()
    {
        string loose = Minimal.Replace("Dog (1, 2, 3, 4).", "Dog(1,2 ,3,4 ).");
        LatentsDocument read = LatentsDocumentReader.Read(loose);

        Assert.Equal(new BboxLatents([new GroundedBox("Dog", new BoundingBox(1, 2, 3, 4))], "."), read.Latents);
        Assert.Contains("\"text\": \"Dog (1, 2, 3, 4).\"", LatentsDocumentWriter.Write(read));
    }

    [Fact]
    public void Editing_text_alone_wins_over_the_items_it_made_stale()
    {
        string written = LatentsDocumentWriter.Write(new LatentsDocument("p", PaperBbox));
        string edited = written.Replace("Dog (1, 33, 995, 995)", "Dog (1, 33, 500, 995)");

        var read = (BboxLatents)LatentsDocumentReader.Read(edited).Latents;

        Assert.Equal(500, read.Phrases[0].Box.X2);
    }

    [Fact]
    public void Editing_items_alone_makes_the_text_again_from_them()
    {
        string written = LatentsDocumentWriter.Write(new LatentsDocument("p", PaperBbox));
        string edited = written.Replace("\"phrase\": \"Dog\"", "\"phrase\": \"Cat\"").Replace("[1, 33, 995, 995]", "[1, 33, 500, 995]");

        LatentsDocument read = LatentsDocumentReader.Read(edited);

        Assert.StartsWith("Cat (1, 33, 500, 995) resting head", read.Latents.ToText());
        // Written back, text and items agree again, with a digest of the new text.
        Assert.Contains("\"text\": \"Cat (1, 33, 500, 995) resting head", LatentsDocumentWriter.Write(read));
        Assert.Contains($"\"textDigest\": \"{LatentsTextDigest.Of(read.Latents.ToText())}\"", LatentsDocumentWriter.Write(read));
    }

    [Fact]
    public void Editing_both_so_that_they_disagree_is_refused_naming_both()
    {
        string written = LatentsDocumentWriter.Write(new LatentsDocument("p", PaperBbox));
        string edited = written.Replace("Dog (1, 33, 995, 995)", "Dog (1, 33, 500, 995)").Replace("\"phrase\": \"Dog\"", "\"phrase\": \"Cat\"");

        var error = Assert.Throws<LatentsFormatException>(() => LatentsDocumentReader.Read(edited));

        Assert.Equal("items", error.Field);
        Assert.Contains("both were edited since kaleido wrote them ('textDigest' matches neither)", error.Message);
        Assert.Contains("differ at position 0 of the canonical text: text gives \"Dog (1, 33, ...\", items give \"Cat (1, 33, ...\"", error.Message);
    }

    [Fact]
    public void Without_a_digest_a_disagreement_cannot_be_settled_and_is_refused()
    {
        string written = LatentsDocumentWriter.Write(new LatentsDocument("p", PaperBbox));
        var document = System.Text.Json.Nodes.JsonNode.Parse(written)!.AsObject();
        document.Remove("textDigest"); // as in a document written before the digest existed
        string edited = document.ToJsonString().Replace("Dog (1, 33, 995, 995)", "Dog (1, 33, 500, 995)");

        var error = Assert.Throws<LatentsFormatException>(() => LatentsDocumentReader.Read(edited));

        Assert.Equal("items", error.Field);
        Assert.Contains("no 'textDigest' to tell which was edited", error.Message);
        Assert.Contains("differ at position 12", error.Message);
    }

    [Fact]
    public void Edited_items_are_held_to_the_voken_constraints_too()
    {
        var constraints = new VokenConstraints(codebookSize: 64);
        string written = LatentsDocumentWriter.Write(new LatentsDocument("p", LatentsParser.ParseVoken("<v12>#<v7>")));
        string edited = written.Replace("[12, 7]", "[12, 70]");

        var error = Assert.Throws<LatentsFormatException>(() => LatentsDocumentReader.Read(edited, constraints));

        Assert.Equal("items", error.Field);
        Assert.Contains("visual code number 2 of 2 is 70; expected a code from 0 to 63", error.Message);
    }

    public static TheoryData<string, string?, string> MalformedDocuments => new()
    {
        { "not json", null, "latents document: expected valid JSON but found an error at line 1" },
        { "", null, "expected valid JSON" },
        { "[]", null, "latents document: expected a JSON object" },
        { Minimal.Replace("\"version\":1", "\"version\":2"), "version", "expected 1 (the version this runtime reads) but found 2" },
        { Minimal.Replace("\"version\":1", "\"version\":\"1\""), "version", "but found \"1\"" },
        { Minimal.Replace("\"version\":1,", ""), "version", "expected this field but it is missing" },
        { Minimal.Replace("kaleido-latents", "kaleido-manifest"), "format", "expected \"kaleido-latents\" but found \"kaleido-manifest\"" },
        // An echoed value is cleaned: indented text that reads like a stack-trace line is folded (a fuzz finding).
        { Minimal.Replace("kaleido-latents", "kaleido-laten   at (500,, 0)."), "format", "but found \"kaleido-laten at (500,, 0).\"" },
        { Minimal.Replace("\"prompt\":\"p\"", "\"prompt\":\"p\",\"pr   at (5)\":1"), "pr at (5)", "field 'pr at (5)': unknown field" },
        { Minimal.Replace("\"kind\":\"bbox\"", "\"kind\":\"bboxes\""), "kind", "expected one of text, bbox, blob, voken, combined but found \"bboxes\"" },
        { Minimal.Replace("\"kind\":\"bbox\"", "\"kind\":[]"), "kind", "expected a string but found an array" },
        { Minimal.Replace(",\"text\":\"Dog (1, 2, 3, 4).\"", ""), "text", "expected this field but it is missing" },
        { Minimal.Replace("\"Dog (1, 2, 3, 4).\"", "5"), "text", "expected a string but found the number 5" },
        { Minimal.Replace("Dog (1, 2, 3, 4).", "Dog (1a, 2, 3, 4)."), "text", "field 'text': bbox latents, position 6: expected ',' after x1 but found 'a'" },
        { Minimal.Replace("Dog (1, 2, 3, 4).", "\\ud800"), "text", "unpaired surrogate" },
        { Minimal.Replace("\"prompt\":\"p\"", "\"prompt\":null"), "prompt", "expected a string but found null" },
        { Minimal.Replace("}", ",\"seed\":-1}"), "seed", "expected an integer in [0, 18446744073709551615] but found the number -1" },
        { Minimal.Replace("}", ",\"seed\":\"42\"}"), "seed", "but found a string" },
        { Minimal.Replace("}", ",\"seed\":18446744073709551616}"), "seed", "but found the number 18446744073709551616" },
        { Minimal.Replace("}", ",\"index\":1.5}"), "index", "expected an integer in [0, 2147483647] but found the number 1.5" },
        { Minimal.Replace("}", ",\"modelId\":\"\"}"), "modelId", "expected a non-empty model id" },
        { Minimal.Replace("}", ",\"sampling\":{\"topP\":1.5}}"), "sampling.topP", "expected a number in (0, 1] but found 1.5" },
        { Minimal.Replace("}", ",\"sampling\":{\"steps\":0}}"), "sampling.steps", "expected an integer >= 1 but found 0" },
        { Minimal.Replace("}", ",\"sampling\":{\"guidanceCutoff\":-1}}"), "sampling.guidanceCutoff", "expected an integer >= 0 but found -1" },
        { Minimal.Replace("}", ",\"sampling\":{\"maxLatentTokens\":0}}"), "sampling.maxLatentTokens", "expected an integer >= 1 but found 0" },
        { Minimal.Replace("}", ",\"sampling\":{\"guidance\":1e999}}"), "sampling.guidance", "expected a finite number" },
        { Minimal.Replace("}", ",\"sampling\":{\"stepz\":3}}"), "sampling.stepz", "unknown field (expected one of steps, sampler" },
        { Minimal.Replace("}", ",\"sampling\":7}"), "sampling", "expected an object but found the number 7" },
        { Minimal.Replace("}", ",\"sed\":3}"), "sed", "unknown field (expected one of format, version, prompt, kind, text, items, textDigest" },
        { Minimal.Replace("}", ",\"prompt\":\"q\"}"), "prompt", "expected each field once but found it twice" },
        { Minimal.Replace("}", ",\"items\":{\"phrases\":[{\"phrase\":\"Dog\",\"box\":[1,2,3]}],\"tail\":\".\"}}"), "items.phrases[0].box", "expected an array of 4 integers but found 3 elements" },
        { Minimal.Replace("}", ",\"items\":{\"phrases\":[{\"phrase\":\"Dog\",\"box\":[3,2,1,4]}],\"tail\":\".\"}}"), "items.phrases[0].box", "expected x2 >= x1 (3) but found 1" },
        { Minimal.Replace("}", ",\"items\":{\"phrases\":[{\"phrase\":\" Dog\",\"box\":[1,2,3,4]}],\"tail\":\".\"}}"), "items.phrases[0].phrase", "without leading or trailing whitespace" },
        { Minimal.Replace("}", ",\"items\":{\"phrases\":[],\"tail\":\".\"}}"), "items.phrases", "expected at least one grounded phrase" },
        { Minimal.Replace("}", ",\"items\":{\"phrases\":[{\"phrase\":\"Dog\",\"box\":[1,2,3,4]}]}}"), "items.tail", "expected this field but it is missing" },
        { Minimal.Replace("}", ",\"items\":{\"codes\":[1]}}"), "items.codes", "unknown field" },
        { Minimal.Replace("}", ",\"items\":{\"phrases\":[{\"phrase\":\"Dog\",\"box\":[1,2,3,5]}],\"tail\":\".\"}}"), "items", "expected items that agree with field 'text'" },
        { Minimal.Replace("}", ",\"textDigest\":\"ABC\"}"), "textDigest", "expected 16 lower-case hex digits" },
    };

    [Theory]
    [MemberData(nameof(MalformedDocuments))]
    public void Malformed_documents_name_the_field_and_expectation(string json, string? field, string fragment)
    {
        var error = Assert.Throws<LatentsFormatException>(() => LatentsDocumentReader.Read(json));
        Assert.Equal(field, error.Field);
        Assert.Contains(fragment, error.Message);
        if (field is not null)
            Assert.StartsWith($"latents document, field '{field}': ", error.Message);
    }

    [Fact]
    public void Text_errors_inside_a_document_keep_kind_and_position()
    {
        var error = Assert.Throws<LatentsFormatException>(() =>
            LatentsDocumentReader.Read(Minimal.Replace("Dog (1, 2, 3, 4).", "Dog (1a, 2, 3, 4).")));
        Assert.Equal(LatentKind.Bbox, error.Kind);
        Assert.Equal(6, error.Position);
    }

    [Fact]
    public void Voken_constraints_apply_to_documents()
    {
        string json = LatentsDocumentWriter.Write(new LatentsDocument("p", new VokenLatents([1, 2])));
        var error = Assert.Throws<LatentsFormatException>(() =>
            LatentsDocumentReader.Read(json, new VokenConstraints(expectedCount: 32)));
        Assert.Equal("text", error.Field);
        Assert.Contains("expected 32 visual codes but found 2", error.Message);
    }

    [Fact]
    public void Writing_refuses_documents_with_unusable_fields()
    {
        var document = new LatentsDocument("p", PaperBbox) { Sampling = new SamplingSettings { Guidance = double.NaN } };
        var error = Assert.Throws<ArgumentException>(() => LatentsDocumentWriter.Write(document));
        Assert.Contains("sampling.guidance", error.Message);

        // A lone surrogate would be written as U+FFFD and not read back as it was.
        var lossy = new LatentsDocument("a\ud800", PaperBbox);
        Assert.Contains("prompt", Assert.Throws<ArgumentException>(() => LatentsDocumentWriter.Write(lossy)).Message);
    }

    [Fact]
    public void Mutated_json_only_ever_gives_documents_or_LatentsFormatException()
    {
        string[] inserts = ["{", "}", "[", "]", "\"", ",", ":", "\\", "1", "-", "e9", "null", "\\ud800", "(", "|", "#", "é"];
        var random = new Random(4242);
        var latents = new RandomLatents(seed: 4243);
        int rejected = 0;
        for (int i = 0; i < 3000; i++)
        {
            string json = LatentsDocumentWriter.Write(new LatentsDocument("p", latents.Of(latents.Kind())) { Seed = 1, Index = 0 }, i % 2 == 0);
            var builder = new StringBuilder(json);
            for (int e = random.Next(1, 4); e > 0; e--)
            {
                int at = random.Next(builder.Length);
                if (random.Next(2) == 0) builder.Remove(at, 1);
                builder.Insert(at, inserts[random.Next(inserts.Length)]);
            }
            try
            {
                LatentsDocumentReader.Read(builder.ToString());
            }
            catch (LatentsFormatException e)
            {
                Assert.StartsWith("latents document", e.Message);
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"{builder} threw {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.True(rejected > 1000, $"rejected {rejected}");
    }
}
