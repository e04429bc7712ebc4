import Foundation
import Testing
import WolkvoxMock

@testable import WolkvoxAPI

/// The parser's batches: values as bytes, names as ids. Every parser test also reads records
/// through a batch (`consume(_:emit:)` emits a batch's records), so these check what only a
/// batch shows.
struct RecordBatchTests {
    @Test func validationAgreesWithTheStandardLibraryOnAnyBytes() {
        // Sequences at the edges of the well-formed table, then random bytes biased to UTF-8's
        // lead and continuation ranges.
        var cases: [[UInt8]] = [
            [], [0x7F], [0xC2, 0x80], [0xC1, 0xBF], [0xE0, 0xA0, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0x9F, 0xBF],
            [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xC3], [0xE2, 0x82],
            Array("plain ASCII longer than one word".utf8), Array("mañana, ñandú 😀 李小龍".utf8),
            Array("eight ok".utf8) + [0xFF] + Array("tail".utf8),
        ]
        var rng = SeededGenerator(seed: 77)
        let alphabet: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        for _ in 0..<20_000 {
            cases.append((0..<rng.below(14)).map { _ in alphabet[rng.below(alphabet.count)] })
        }
        for bytes in cases {
            let expected = String(validating: bytes, as: UTF8.self) != nil
            let valid = bytes.withUnsafeBytes { ByteScan.isValidUTF8($0) }
            #expect(valid == expected, "\(bytes.map { String($0, radix: 16) })")
        }
    }

    @Test func escapedStringsDecodeIntoTheBatchAndInvalidBytesAreRepaired() throws {
        let body: [UInt8] =
            Array(#"{"data":[{"a":"Retenci\u00f3n \ud83d\udd25","b":"l\u00ednea\nuno \"q\" \\","c":"x\n"#.utf8) + [0xFF]
            + Array(#"y","d":"\ud800 lone"}]}"#.utf8)
        var parser = ResponseParser()
        var batch = RecordBatch()
        try parser.consume(body, into: &batch)
        _ = try parser.finish()
        let record = batch.record(at: 0)
        #expect(record["a"] == "Retención 🔥")
        #expect(record["b"] == "línea\nuno \"q\" \\")
        #expect(record["c"] == "x\n\u{FFFD}y")
        #expect(record["d"] == "\u{FFFD} lone")
        // Each value's bytes are its string's UTF-8.
        for (field, value) in zip(batch.fields, record.fields) {
            #expect(Array(batch.bytes[field.start..<field.end]) == Array(value.value!.utf8))
        }
    }

    @Test func aValueHoldsItsStringsBytesWhereverAnInvalidByteSits() throws {
        for length in 0..<20 {
            for at in 0...length {
                var text = Array(repeating: UInt8(ascii: "a"), count: length)
                text.insert(0xC3, at: at)  // a lead byte whose continuation never comes
                let body = Array(#"{"data":[{"v":""#.utf8) + text + Array(#""}]}"#.utf8)
                var parser = ResponseParser()
                var batch = RecordBatch()
                try parser.consume(body, into: &batch)
                let value = try #require(batch.record(at: 0)["v"])
                let field = batch.fields[0]
                #expect(Array(batch.bytes[field.start..<field.end]) == Array(value.utf8), "length \(length), at \(at)")
            }
        }
    }

    @Test func namesKeepTheirIdsAcrossTheBatchesOfOneResponse() throws {
        var parser = ResponseParser()
        var first = RecordBatch()
        try parser.consume(Array(#"{"data":[{"a":"1","b":null},{"b":"2","a":"3"},"#.utf8), into: &first)
        var second = RecordBatch()
        try parser.consume(Array(#"{"c":"4","a":"5"}]}"#.utf8), into: &second)
        _ = try parser.finish()
        #expect(first.count == 2)
        #expect(second.count == 1)
        let idOfA = first.fields[0].name
        #expect(first.names[Int(idOfA)] == "a")
        #expect(first.fields[3].name == idOfA)
        #expect(second.fields[1].name == idOfA)
        #expect(second.names[Int(second.fields[0].name)] == "c")
        #expect(first.fields[1].isNull)
        #expect(first.record(at: 0) == RawRecord(fields: [.init(name: "a", value: "1"), .init(name: "b", value: nil)]))
        #expect(second.records == [RawRecord(fields: [.init(name: "c", value: "4"), .init(name: "a", value: "5")])])
    }

    @Test func aRecordCutByTheChunkEndIsNotInTheBatchUntilItCompletes() throws {
        var parser = ResponseParser()
        var batch = RecordBatch()
        try parser.consume(Array(#"{"data":[{"a":"1"},{"a":"2\u00"#.utf8), into: &batch)
        #expect(batch.records == [RawRecord(fields: [.init(name: "a", value: "1")])])
        var rest = RecordBatch()
        try parser.consume(Array(#"f3"}]}"#.utf8), into: &rest)
        #expect(rest.records == [RawRecord(fields: [.init(name: "a", value: "2ó")])])
        #expect(rest.fields.count == 1)
        #expect(rest.bytes == Array("2ó".utf8))
    }
}
