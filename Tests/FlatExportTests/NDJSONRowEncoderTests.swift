import FlatExport
import Foundation
import Testing

struct NDJSONRowEncoderTests {
    private func line(_ row: FlatRow, columns: [String], extras: [(String, String)] = []) -> String {
        var out: [UInt8] = []
        NDJSONRowEncoder(schema: FlatSchema(columns: columns)).encode(row, extras: extras, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func parse(_ line: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any])
    }

    @Test(arguments: [
        "plain", "", " ", "say \"hi\"", "back\\slash", "line\nbreak", "cr\rlf\r\n", "tab\there",
        "\u{08}\u{0C}", "nul\u{00}byte", "bell\u{07}esc\u{1B}unit\u{1F}", "del\u{7F}", "tilde~/slash",
        "ñandú café", "中文字符", "emoji 😀👍🏽🇨🇴", "zwj 👨‍👩‍👧", "\u{2028}\u{2029}", "\\\"\\n",
    ])
    func textRoundTripsThroughAJSONParser(text: String) throws {
        let encoded = line([.text(text), .text(text)], columns: ["value", "key \"q\"\n"])
        #expect(encoded.hasSuffix("}\n"))
        #expect(encoded.dropLast().contains("\n") == false)
        let object = try parse(encoded)
        #expect(object["value"] as? String == text)
        #expect(object["key \"q\"\n"] as? String == text)
    }

    @Test(arguments: [
        ("\u{01}", #""\u0001""#), ("\u{1F}", #""\u001f""#), ("\n\r\t", #""\n\r\t""#), ("\u{08}\u{0C}", #""\b\f""#),
        ("\"", #""\"""#), ("\\", #""\\""#), ("😀", "\"😀\""), ("é", "\"é\""),
    ])
    func escapesUseTheShortestRFC8259Form(text: String, expected: String) {
        #expect(line([.text(text)], columns: ["v"]) == "{\"v\":\(expected)}\n")
    }

    @Test func writesKeysInSchemaOrderWithEachValueKind() {
        let encoded = line(
            [.text("001"), .number("0.0150"), .null, .json(#"{"a":[1,2]}"#), .number("-3")],
            columns: ["id", "cost", "comment", "raw", "n"])
        #expect(encoded == #"{"id":"001","cost":0.0150,"comment":null,"raw":{"a":[1,2]},"n":-3}"# + "\n")
    }

    @Test func keepsNestedArraysAndObjectsNestedWithTypedValuesInside() throws {
        let hours = FlatValue.array([
            .object([FlatMember("hour", .number("20")), FlatMember("at", .text("2025-03-04T20:00:00-05:00")), FlatMember("n", .null)]),
            .null,
            .object([FlatMember("say \"q\"", .text("line\nbreak")), FlatMember("empty", .array([])), FlatMember("o", .object([]))]),
        ])
        let encoded = line([.text("a1"), hours], columns: ["agent_id", "status_x_hour"])
        #expect(encoded == #"{"agent_id":"a1","status_x_hour":[{"hour":20,"at":"2025-03-04T20:00:00-05:00","n":null},null,{"say \"q\"":"line\nbreak","empty":[],"o":{}}]}"# + "\n")
        let object = try parse(encoded)
        let elements = try #require(object["status_x_hour"] as? [Any])
        #expect(((elements.first as? [String: Any])?["hour"] as? NSNumber)?.intValue == 20)
        #expect(hours.jsonText == encoded.dropFirst(#"{"agent_id":"a1","status_x_hour":"#.count).dropLast(2).description)
    }

    @Test func writesExtrasAfterSchemaKeysAsStrings() throws {
        let encoded = line([.text("x")], columns: ["a"], extras: [("new_field", "7"), ("note", "q\"")])
        #expect(encoded == #"{"a":"x","new_field":"7","note":"q\""}"# + "\n")
        let onlyExtras = line([], columns: [], extras: [("k", "v")])
        #expect(onlyExtras == #"{"k":"v"}"# + "\n")
        #expect(line([], columns: []) == "{}\n")
    }

    @Test func writesMissingValuesAsNullAndEmptyLiteralsAsNull() throws {
        #expect(line([.text("a")], columns: ["a", "b"]) == #"{"a":"a","b":null}"# + "\n")
        #expect(line([.number(""), .json("")], columns: ["n", "j"]) == #"{"n":null,"j":null}"# + "\n")
        #expect(line([.text("a"), .text("ignored")], columns: ["a"]) == #"{"a":"a"}"# + "\n")
    }

    @Test func appendsWithoutClearingTheBuffer() {
        let encoder = NDJSONRowEncoder(schema: FlatSchema(columns: ["n"]))
        var out: [UInt8] = []
        encoder.encode([.number("1")], into: &out)
        encoder.encode([.number("2")], into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "{\"n\":1}\n{\"n\":2}\n")
    }
}
