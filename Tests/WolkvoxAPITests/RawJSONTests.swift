import Testing
import WolkvoxAPI

/// Nested values read back as trees from the JSON text a `RawRecord` keeps for them.
struct RawJSONTests {
    @Test func readsArraysObjectsStringsAndLiteralsInOrder() throws {
        let tree = try #require(RawJSON(parsing: #" [{"hour":"20","n":5,"ok":true,"x":null,"s":"a\"b\u00e9"},[],{}] "#))
        #expect(tree == .array([
            .object([.init("hour", .string("20")), .init("n", .literal("5")), .init("ok", .literal("true")), .init("x", .null),
                     .init("s", .string("a\"bé"))]),
            .array([]), .object([]),
        ]))
    }

    @Test(arguments: ["", "[1,]", "{\"a\"}", "[1] x", "{'a':1}", "[", "nul"])
    func textThatIsNotOneJSONValueIsNil(text: String) {
        #expect(RawJSON(parsing: text) == nil)
    }

    @Test func jsonTextRoundTrips() throws {
        let text = #"[{"a":"q\"\\\n","b":-1.5e3,"c":[null,false]}]"#
        let tree = try #require(RawJSON(parsing: text))
        #expect(tree.jsonText == text)
        #expect(RawJSON(parsing: tree.jsonText) == tree)
    }
}
