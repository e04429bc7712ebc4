import FlatExport
import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

@testable import WolkvoxETL

/// A record typed straight from the response's bytes (`writeCells`) lands the bytes the string
/// path lands (`transform`, then the encoders), or is handed to the string path: never a
/// different row, time or line.
struct TransformCellsTests {
    static let bogota = TimeZone(identifier: "America/Bogota")!

    /// A report with a field of every type, placed by `at`.
    static let typed = ReportSpec(
        name: "typed_test", title: "every type", endpoint: .reportsManager,
        fields: [
            .init("id", .string, ""), .init("at", .timestamp, ""), .init("n", .int, ""), .init("amount", .decimal, ""),
            .init("dur", .duration, ""), .init("share", .percent, ""), .init("note", .string, ""),
            .init("closed_at", .timestamp, ""),
        ],
        dayOf: .field("at"), key: ["id"], kind: .timestamped, area: "test")

    /// The same fields, placed by the window's day.
    static let undated = ReportSpec(
        name: "undated_test", title: "no day field", endpoint: .reportsManager, fields: typed.fields,
        dayOf: .windowDay, key: ["id"], kind: .timestamped, area: "test")

    /// A good value for each field, so an unperturbed record is typed straight.
    static let good: [String: [String]] = [
        "id": ["0042", "A-7", "José \"VIP\", prioritaria", "línea\nsegunda", "tab\there", "😀", " lead"],
        "at": ["2025-01-05 08:30:00", "2025-03-09 23:59:59", " 2025-06-30 00:00:00 "],
        "n": ["0", "007", "-12", "+5", "-0", " 3 "],
        "amount": ["0.0150", ".5", "5.", "-0.0", "1250.50", "+3.25", "00.10"],
        "dur": ["65", "1.5", "01:05", "1:02:03", "00:01:05.25", "0"],
        "share": ["34.64 %", "34.64%", "0", "-1.5 %"],
        "note": ["x,y", "\\", "trail ", "comma, \"quote\"", "ñandú"],
        "closed_at": ["2025-01-05T08:30", "2025/01/05 08:30:00", "2025-01-05 08:30:00"],
    ]

    /// Values that are blank, placeholders or do not coerce to some type.
    static let odd: [String?] = [
        nil, "", " ", "-", "--", "12.0", "1e3", "abc", "00:60", "1:2:3:4", " %", "2025-02-30 10:00:00", "\u{01}ctl",
        "INVALID-UTF8",
    ]

    static let transforms: [(String, Pipeline.Transform)] = [
        ("reject", .init()),
        ("null", .init(onError: .null)),
        ("reshaped", .init(fields: ["n": .string, "late": .int], drop: ["note"], rename: ["amount": "amt"])),
        ("day dropped", .init(drop: ["at"])),
    ]

    @Test(arguments: [typed, undated])
    func recordsTypedFromBytesMatchTheStringPath(report: ReportSpec) throws {
        var rng = SeededGenerator(seed: report.name == "typed_test" ? 11 : 12)
        for (label, transform) in Self.transforms {
            let transformer = RecordTransformer(report: report, transform: transform, timeZone: Self.bogota)
            var records: [[(String, String?)]] = []
            var canonical: Set<Int> = []
            for index in 0..<400 {
                var fields = report.fields.map { field -> (String, String?) in
                    let choices = Self.good[field.name]!
                    return (field.name, choices[rng.below(choices.count)])
                }
                if index % 4 != 0 {
                    Self.perturb(&fields, &rng)
                } else {
                    canonical.insert(index)
                }
                records.append(fields)
            }
            let batch = try Self.batch(records, &rng)
            #expect(batch.count == records.count)
            let slots = batch.names.map(transformer.slot(named:))
            var cells = CellWriter(schema: transformer.schema, formats: [.ndjson, .csv])
            var scratch = ByteBuilder(capacity: 16)
            defer {
                cells.release()
                scratch.release()
            }
            let ndjson = NDJSONRowEncoder(schema: transformer.schema)
            let csv = CSVRowEncoder(schema: transformer.schema)
            var straight = 0
            for index in 0..<batch.count {
                let record = batch.record(at: index)
                let slow = transformer.transform(record)
                switch transformer.writeCells(batch, record: index, slots: slots, into: &cells, scratch: &scratch) {
                case .row(let time, _):
                    straight += 1
                    guard case .row(let row, let slowTime, let extras) = slow else {
                        Issue.record("\(label): typed straight, but the string path says \(slow) for \(record)")
                        continue
                    }
                    #expect(extras.isEmpty)
                    #expect(time == slowTime, "\(label): \(record)")
                    var expectedNDJSON: [UInt8] = []
                    ndjson.encode(row, into: &expectedNDJSON)
                    var expectedCSV: [UInt8] = []
                    csv.encode(row, into: &expectedCSV)
                    #expect(Array(cells.lines.ndjson) == expectedNDJSON, "\(label): \(record)")
                    #expect(Array(cells.lines.csv) == expectedCSV, "\(label): \(record)")
                case .needsRecord:
                    #expect(!canonical.contains(index), "\(label): a well-formed record was not typed straight: \(record)")
                }
            }
            // Both paths were taken: the comparison above is not vacuous.
            #expect(straight > batch.count / 4, "\(label): \(straight) of \(batch.count) typed straight")
            #expect(straight < batch.count, "\(label): every record typed straight")
        }
    }

    @Test func aRecordInCatalogOrderWithGoodValuesIsTypedStraight() throws {
        var rng = SeededGenerator(seed: 1)
        let transformer = RecordTransformer(report: Self.typed, transform: .init(), timeZone: Self.bogota)
        let batch = try Self.batch([Self.typed.fields.map { ($0.name, Self.good[$0.name]![0]) }], &rng)
        var cells = CellWriter(schema: transformer.schema, formats: [.ndjson])
        var scratch = ByteBuilder(capacity: 16)
        defer {
            cells.release()
            scratch.release()
        }
        let outcome = transformer.writeCells(batch, record: 0, slots: batch.names.map(transformer.slot(named:)), into: &cells, scratch: &scratch)
        guard case .row(let time, _) = outcome else {
            Issue.record("not typed straight")
            return
        }
        #expect(time == LocalDateTime(day: LocalDay(year: 2025, month: 1, day: 5), hour: 8, minute: 30, second: 0))
        #expect(
            String(decoding: cells.lines.ndjson, as: UTF8.self)
                == #"{"id":"0042","at":"2025-01-05T08:30:00-05:00","n":0,"amount":0.0150,"dur":65,"share":34.64,"note":"x,y","closed_at":"2025-01-05T08:30:00-05:00"}"#
                + "\n")
    }

    /// Swaps, repeats, removes or adds a field, or puts an odd value in one.
    static func perturb(_ fields: inout [(String, String?)], _ rng: inout SeededGenerator) {
        switch rng.below(6) {
        case 0:
            let a = rng.below(fields.count)
            let b = rng.below(fields.count)
            fields.swapAt(a, b)
        case 1:
            fields.insert(fields[rng.below(fields.count)], at: rng.below(fields.count + 1))
        case 2:
            fields.remove(at: rng.below(fields.count))
        case 3:
            fields.insert((["late", "stranger", "note"][rng.below(3)], "7"), at: rng.below(fields.count + 1))
        default:
            for _ in 0...rng.below(2) { fields[rng.below(fields.count)].1 = odd[rng.below(odd.count)] }
        }
    }

    /// The records as a response body, read by the parser: strings escaped as PHP escapes
    /// them or not, some numbers unquoted, `INVALID-UTF8` as raw bytes that are not UTF-8.
    static func batch(_ records: [[(String, String?)]], _ rng: inout SeededGenerator) throws -> RecordBatch {
        var body = Array(#"{"code":"200","error":null,"msg":"\#(records.count) records were found","data":["#.utf8)
        for (index, record) in records.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(UInt8(ascii: "{"))
            for (position, (name, value)) in record.enumerated() {
                if position > 0 { body.append(UInt8(ascii: ",")) }
                body += quoted(name, escapeNonASCII: false)
                body.append(UInt8(ascii: ":"))
                guard let value else {
                    body += Array("null".utf8)
                    continue
                }
                if value == "INVALID-UTF8" {
                    body += Array("\"ok".utf8) + [0xFF, 0xC3] + Array("\"".utf8)
                } else if rng.below(3) == 0, value.range(of: #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"#, options: .regularExpression) != nil {
                    body += Array(value.utf8)
                } else {
                    body += quoted(value, escapeNonASCII: rng.below(2) == 0)
                }
            }
            body.append(UInt8(ascii: "}"))
        }
        body += Array("]}".utf8)
        var parser = ResponseParser()
        var batch = RecordBatch()
        try parser.consume(body, into: &batch)
        _ = try parser.finish()
        return batch
    }

    static func quoted(_ text: String, escapeNonASCII: Bool) -> [UInt8] {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20 || (escapeNonASCII && scalar.value > 0x7F):
                for unit in String(scalar).utf16 { out += String(format: "\\u%04x", unit) }
            default: out.unicodeScalars.append(scalar)
            }
        }
        return Array((out + "\"").utf8)
    }
}
