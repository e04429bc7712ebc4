import FlatExport
import Foundation
import Testing

struct CSVRowEncoderTests {
    private static let columns = ["id", "text, with comma", "note"]
    private static let rows: [FlatRow] = [
        [.text("1"), .text("plain"), .null],
        [.text("2"), .text("a,b"), .text("")],
        [.text("3"), .text("say \"hi\""), .text("\"")],
        [.text("4"), .text("line\nbreak"), .text("cr\rlf\r\n")],
        [.text("5"), .text("tab\tinside"), .text(" leading and trailing ")],
        [.text("6"), .text("ñandú 中文 😀"), .number("0.0150")],
        [.text("7"), .json(#"{"a":"b,c"}"#), .text("\ttab-led")],
        [.text("8"), .array([.object([FlatMember("hour", .number("20")), FlatMember("state", .text("say \"ready\", 1"))])]), .array([])],
    ]

    private func encode(_ rows: [FlatRow]) -> [UInt8] {
        let encoder = CSVRowEncoder(schema: FlatSchema(columns: Self.columns))
        var out: [UInt8] = []
        encoder.encodeHeader(into: &out)
        for row in rows { encoder.encode(row, into: &out) }
        return out
    }

    private func cell(_ value: FlatValue) -> String {
        switch value {
        case .null: return ""
        case .text(let text), .number(let text), .json(let text): return text
        case .array, .object: return value.jsonText
        }
    }

    @Test(.enabled(if: Shell.isAvailable("python3"), "skipped: python3 (the independent CSV reader) is not installed"))
    func pythonCSVReaderReadsBackTheSameCells() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/rows.csv"
            try Data(encode(Self.rows)).write(to: URL(fileURLWithPath: path))
            let script = "import csv, json, sys\n"
                + "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                + "    print(json.dumps(list(csv.reader(f))))"
            let result = try Shell.run(["python3", "-c", script, path])
            try #require(result.status == 0)
            let cells = try #require(try JSONSerialization.jsonObject(with: result.output) as? [[String]])
            #expect(cells.first == Self.columns)
            #expect(Array(cells.dropFirst()) == Self.rows.map { $0.map(cell) })
        }
    }

    @Test func separatesNullFromEmptyTextAndEndsLinesWithCRLF() {
        let text = String(decoding: encode([[.text("1"), .null, .text("")]]), as: UTF8.self)
        #expect(text == "id,\"text, with comma\",note\r\n1,,\"\"\r\n")
    }

    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("q\"q", "\"q\"\"q\""), ("a\nb", "\"a\nb\""), ("a\rb", "\"a\rb\""),
        (" lead", "\" lead\""), ("trail ", "\"trail \""), ("in side", "in side"), ("\ttab", "\"\ttab\""),
        ("😀", "😀"),
    ])
    func quotesOnlyFieldsThatNeedIt(text: String, expected: String) {
        let encoder = CSVRowEncoder(schema: FlatSchema(columns: ["v"]))
        var out: [UInt8] = []
        encoder.encode([.text(text)], into: &out)
        #expect(String(decoding: out, as: UTF8.self) == expected + "\r\n")
    }

    @Test func writesANestedValueAsItsJSONTextInOneQuotedCell() {
        let encoder = CSVRowEncoder(schema: FlatSchema(columns: ["id", "hours"]))
        var out: [UInt8] = []
        let hours = FlatValue.array([
            .object([FlatMember("hour", .number("20")), FlatMember("state", .text("ready")), FlatMember("note", .null)]),
        ])
        encoder.encode([.text("7"), hours], into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"7,"[{""hour"":20,""state"":""ready"",""note"":null}]""# + "\r\n")
    }

    @Test func writesMissingTrailingValuesAsEmptyFields() {
        let encoder = CSVRowEncoder(schema: FlatSchema(columns: ["a", "b", "c"]))
        var out: [UInt8] = []
        encoder.encode([.number("1")], into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "1,,\r\n")
    }
}
