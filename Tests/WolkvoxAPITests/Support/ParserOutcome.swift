import WolkvoxAPI
import WolkvoxMock

/// Everything one run of the parser over a body produced, success or not.
struct ParserOutcome: Equatable, CustomStringConvertible {
    var records: [RawRecord]
    var envelope: ResponseEnvelope?
    var error: WolkvoxResponseError?
    /// Set when something other than a `WolkvoxResponseError` was thrown.
    var foreignError: String?

    var parsed: Parsed? { envelope.map { Parsed(records: records, envelope: $0) } }

    /// Feeds `body` in the chunks `cuts` delimit (sorted offsets), then finishes.
    init(_ body: [UInt8], cuts: [Int] = []) {
        var parser = ResponseParser()
        var records: [RawRecord] = []
        do {
            var start = 0
            for cut in cuts + [body.count] where cut >= start {
                try body[start..<cut].withUnsafeBytes { chunk in
                    try parser.consume(chunk) { records.append($0) }
                }
                start = cut
            }
            envelope = try parser.finish()
        } catch let error as WolkvoxResponseError {
            self.error = error
        } catch {
            foreignError = "\(error)"
        }
        self.records = records
    }

    /// Feeds `body` one byte at a time.
    static func byteByByte(_ body: [UInt8]) -> ParserOutcome {
        ParserOutcome(body, cuts: Array(body.indices.dropFirst()))
    }

    /// Equal for what a caller can observe: the records, and the envelope or the error's kind
    /// and record count (offsets and excerpts may legitimately depend on the chunking).
    func sameResult(as other: ParserOutcome) -> Bool {
        records == other.records && envelope == other.envelope && error?.kind == other.error?.kind
            && error?.recordsBefore == other.error?.recordsBefore && foreignError == other.foreignError
    }

    var description: String {
        let ending = envelope.map { "\($0)" } ?? error.map { "\($0.kind): \($0)" } ?? foreignError ?? "?"
        return "\(records.count) records, \(ending)"
    }
}

/// Damages a valid body the ways a network or a broken server might, and some ways neither would.
struct BodyMutator {
    var rng: SeededGenerator

    private static let interesting: [UInt8] = Array(#"{}[]":,\ 0-9.eEtrufalsn"#.utf8) + [0x00, 0x0A, 0x1F, 0x7F, 0x80, 0xBF, 0xC3, 0xE2, 0xED, 0xF0, 0xFF]

    mutating func mutate(_ body: [UInt8]) -> [UInt8] {
        var bytes = body
        for _ in 0..<rng.inRange(1...3) {
            let at = rng.inRange(0...bytes.count)
            switch rng.inRange(0...5) {
            case 0 where at < bytes.count: bytes[at] = byte()
            case 1 where at < bytes.count: bytes.remove(at: at)
            case 2: bytes.insert(byte(), at: at)
            case 3 where at < bytes.count:
                let end = rng.inRange(at...min(bytes.count, at + 16))
                let piece = Array(bytes[at..<end])
                bytes.insert(contentsOf: piece, at: rng.inRange(0...bytes.count))
            case 4 where at < bytes.count: bytes.removeSubrange(at..<rng.inRange(at...min(bytes.count, at + 16)))
            case 5 where at < bytes.count:
                bytes.swapAt(at, rng.inRange(0...bytes.count - 1))
            default: bytes.insert(byte(), at: at)
            }
        }
        return bytes
    }

    /// Random bytes shaped enough like JSON to drive the parser into its deeper states.
    mutating func garbage() -> [UInt8] {
        let prefixes = ["", "{", #"{"data":["#, #"{"data":{"#, #"{"data":{"0":"#, #"{"code":"#, "\u{FEFF}{", #"{"data":[{"a":"#]
        var bytes = Array(rng.pick(prefixes).utf8)
        let tokens = [
            "{", "}", "[", "]", ":", ",", "\"", "\"a\"", "\"data\"", "\"code\"", "\\", "\\u", "\\ud83d", "0", "-1.5e3", "true",
            "null", "fals", " ", "\n", "\"x\":", "{\"a\":1}", "é", "😀",
        ]
        for _ in 0..<rng.inRange(0...60) {
            if rng.chance(0.1) { bytes.append(byte()) } else { bytes += Array(rng.pick(tokens).utf8) }
        }
        return bytes
    }

    private mutating func byte() -> UInt8 {
        rng.chance(0.7) ? rng.pick(Self.interesting) : UInt8(truncatingIfNeeded: rng.next())
    }
}
