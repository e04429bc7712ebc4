import FlatExport
import Testing

/// A row written cell by cell is the row the encoders write from values, in both formats.
struct CellWriterTests {
    static let texts = [
        "", " ", "plain", "José \"VIP\", prioritaria", "línea\nsegunda\r\n", "tab\tin", "\u{01}\u{1F}", "\\", " lead",
        "trail\t", "😀 李小龍", "comma,only", "long text that runs past one machine word of eight bytes",
    ]
    static let numbers = ["0", "-12", "0.0150", "1250.50", "65", ""]

    @Test(arguments: [0, 1, 3, 20])
    func cellsGiveTheEncodersLinesForAnyRow(width: Int) {
        let schema = FlatSchema(columns: (0..<width).map { "col_\($0)" + ($0 == 1 ? " \"odd\", name" : "") })
        var cells = CellWriter(schema: schema, formats: [.ndjson, .csv])
        defer { cells.release() }
        let ndjson = NDJSONRowEncoder(schema: schema)
        let csv = CSVRowEncoder(schema: schema)
        var state: UInt64 = 0x1234_5678
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<500 {
            var row: FlatRow = []
            cells.begin()
            // A row may end early: the columns left are null.
            let written = width == 0 ? 0 : next(width + 1)
            for _ in 0..<written {
                switch next(3) {
                case 0:
                    row.append(.null)
                    cells.null()
                case 1:
                    let text = Self.texts[next(Self.texts.count)]
                    row.append(.text(text))
                    Array(text.utf8).withUnsafeBufferPointer { cells.text($0) }
                default:
                    let number = Self.numbers[next(Self.numbers.count)]
                    row.append(.number(number))
                    Array(number.utf8).withUnsafeBufferPointer { cells.number($0) }
                }
            }
            cells.finish()
            var expectedNDJSON: [UInt8] = []
            ndjson.encode(row, into: &expectedNDJSON)
            var expectedCSV: [UInt8] = []
            csv.encode(row, into: &expectedCSV)
            #expect(Array(cells.lines.ndjson) == expectedNDJSON, "\(row)")
            #expect(Array(cells.lines.csv) == expectedCSV, "\(row)")
        }
    }

    @Test func aFormatNotAskedForStaysEmpty() {
        let schema = FlatSchema(columns: ["a", "b"])
        var cells = CellWriter(schema: schema, formats: [.csv])
        defer { cells.release() }
        cells.begin()
        Array("x".utf8).withUnsafeBufferPointer { cells.text($0) }
        cells.finish()
        #expect(cells.lines.ndjson.isEmpty)
        #expect(Array(cells.lines.csv) == Array("x,\r\n".utf8))
        let owned = OwnedRowLines(cells.lines)
        cells.begin()
        cells.finish()
        owned.withLines { #expect(Array($0.csv) == Array("x,\r\n".utf8)) }
    }

    @Test func aRowAfterAnUnusuallyLargeOneIsWrittenWhole() {
        let schema = FlatSchema(columns: ["body", "n"])
        var cells = CellWriter(schema: schema, formats: [.ndjson, .csv])
        defer { cells.release() }
        let body = String(repeating: "x,\"y\" ", count: 400_000)
        for text in [body, "small"] {
            cells.begin()
            Array(text.utf8).withUnsafeBufferPointer { cells.text($0) }
            Array("7".utf8).withUnsafeBufferPointer { cells.number($0) }
            cells.finish()
            var ndjson: [UInt8] = []
            NDJSONRowEncoder(schema: schema).encode([.text(text), .number("7")], into: &ndjson)
            var csv: [UInt8] = []
            CSVRowEncoder(schema: schema).encode([.text(text), .number("7")], into: &csv)
            #expect(Array(cells.lines.ndjson) == ndjson)
            #expect(Array(cells.lines.csv) == csv)
        }
    }
}
