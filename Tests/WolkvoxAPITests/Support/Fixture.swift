import Foundation
import WolkvoxAPI

/// The sample bodies in Fixtures/, one per report.
enum Fixture: String, CaseIterable, CustomStringConvertible {
    case cdr1 = "cdr_1"
    case cdr6 = "cdr_6"
    case chat4 = "chat_4"
    case diagram13 = "diagram_13"
    case callsLast10 = "calls_last_10"

    var description: String { rawValue }

    var bytes: [UInt8] {
        get throws {
            guard let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else { throw CocoaError(.fileNoSuchFile) }
            return Array(try Data(contentsOf: folder.appendingPathComponent(rawValue + ".json")))
        }
    }
}

/// What a parser produced from a whole body.
struct Parsed: Equatable {
    var records: [RawRecord]
    var envelope: ResponseEnvelope
}

/// Parses `body` fed in the given chunks (consecutive slices covering it).
func parse(_ body: [UInt8], splitAt cuts: [Int] = [], maxRecordBytes: Int = 64 << 20) throws -> Parsed {
    var parser = ResponseParser(maxRecordBytes: maxRecordBytes)
    var records: [RawRecord] = []
    var start = 0
    for cut in cuts + [body.count] {
        try body[start..<cut].withUnsafeBytes { chunk in
            try parser.consume(chunk) { records.append($0) }
        }
        start = cut
    }
    return Parsed(records: records, envelope: try parser.finish())
}

/// Parses `body` one byte at a time.
func parseByteByByte(_ body: [UInt8]) throws -> Parsed {
    var parser = ResponseParser()
    var records: [RawRecord] = []
    for b in body {
        try parser.consume(CollectionOfOne(b)) { records.append($0) }
    }
    return Parsed(records: records, envelope: try parser.finish())
}

/// Feeds `body` whole and finishes, keeping what was emitted even when it throws.
func parseCollecting(_ body: [UInt8]) -> (records: [RawRecord], error: (any Error)?) {
    var parser = ResponseParser()
    var records: [RawRecord] = []
    do {
        try parser.consume(body) { records.append($0) }
        _ = try parser.finish()
        return (records, nil)
    } catch {
        return (records, error)
    }
}

extension RawRecord {
    var names: [String] { fields.map(\.name) }
}
