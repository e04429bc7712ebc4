import WolkvoxAPI
import WolkvoxMock

/// A valid response body and what the parser must make of it.
struct GeneratedResponse {
    var body: [UInt8]
    var records: [RawRecord]
    var envelope: ResponseEnvelope

    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Builds random but valid response bodies together with the records and envelope they hold.
///
/// Everything the API might vary is varied: key order, `code` as number or string, each `data`
/// shape, escapes (including `\uXXXX` and surrogate pairs) anywhere a string may be, nested
/// values, whitespace between every pair of tokens.
struct ResponseGenerator {
    var rng: SeededGenerator
    var maxRecords = 6
    var maxFields = 7
    var maxStringLength = 14

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    mutating func response() -> GeneratedResponse {
        var envelope = ResponseEnvelope()
        var records: [RawRecord] = []
        var members: [String] = []
        if rng.chance(0.9) {
            let isNumber = rng.chance(0.5)
            let text = isNumber ? rng.pick(["200", "404", "0", "500", "-1", "2e2"]) : randomText()
            envelope.code = text
            members.append(key("code") + colon() + (isNumber ? text : jsonString(text)))
        }
        for name in ["error", "msg"] where rng.chance(name == "msg" ? 0.7 : 0.3) {
            let value: String? = rng.chance(0.2) ? nil : randomText()
            if name == "msg" { envelope.msg = value } else { envelope.error = value }
            let literal = if let value { jsonString(value) } else { "null" }
            members.append(key(name) + colon() + literal)
        }
        switch rng.inRange(0...19) {
        case 0...7:
            envelope.dataShape = .list
            let elements = (0..<rng.inRange(0...maxRecords)).map { _ in record(single: false) }
            records = elements.map(\.record)
            members.append(key("data") + colon() + container("[", elements.map(\.text), "]"))
        case 8...11:
            envelope.dataShape = .object
            let elements = (0..<rng.inRange(0...maxRecords)).map { _ in record(single: false) }
            records = elements.map(\.record)
            let names = uniqueNames(elements.count)
            let pairs = zip(names, elements).map { jsonString($0) + colon() + $1.text }
            members.append(key("data") + colon() + container("{", pairs, "}"))
        case 12...14:
            envelope.dataShape = .object
            let element = record(single: true)
            records = [element.record]
            members.append(key("data") + colon() + element.text)
        case 15...16:
            envelope.dataShape = .null
            members.append(key("data") + colon() + "null")
        default:
            envelope.dataShape = .absent
        }
        for _ in 0..<rng.inRange(0...2) {
            var name = randomText()
            while ["code", "error", "msg", "data"].contains(name) { name += "_" }
            members.append(jsonString(name) + colon() + value(depth: 0).text)
        }
        members.shuffle(using: &rng)
        envelope.recordCount = records.count
        var text = ws() + container("{", members, "}") + ws()
        if rng.chance(0.05) { text = "\u{FEFF}" + text }
        return GeneratedResponse(body: Array(text.utf8), records: records, envelope: envelope)
    }

    /// One record; a lone `data` record must not start with an object value, which would make
    /// it read as a map of records.
    mutating func record(single: Bool) -> (text: String, record: RawRecord) {
        let names = uniqueNames(rng.inRange(single ? 1...maxFields : 0...maxFields))
        var fields: [RawRecord.Field] = []
        var texts: [String] = []
        for name in names {
            var v = value(depth: 0)
            while single, fields.isEmpty, v.text.first == "{" { v = value(depth: 0) }
            fields.append(RawRecord.Field(name: name, value: v.expected))
            texts.append(jsonString(name) + colon() + v.text)
        }
        return (container("{", texts, "}"), RawRecord(fields: fields))
    }

    /// A value as written, and as the parser must give it back.
    mutating func value(depth: Int) -> (text: String, expected: String?) {
        switch rng.inRange(0...19) {
        case 0...7:
            let s = randomText()
            return (jsonString(s), s)
        case 8...10:
            let n = number()
            return (n, n)
        case 11...12:
            return ("null", nil)
        case 13...14:
            let b = rng.pick(["true", "false"])
            return (b, b)
        default:
            guard depth < 3 else { return ("0", "0") }
            let n = nested(depth: depth + 1)
            return (n.spaced, n.compact)
        }
    }

    /// An array or object, with random whitespace and without (how the parser must give it).
    mutating func nested(depth: Int) -> (spaced: String, compact: String) {
        let isObject = rng.chance(0.5)
        let count = rng.inRange(0...4)
        let names = isObject ? uniqueNames(count) : []
        var spaced: [String] = []
        var compact: [String] = []
        for k in 0..<count {
            let v = value(depth: depth)
            let leaf = v.text.first == "[" || v.text.first == "{" ? nil : v.text
            let inner = leaf.map { ($0, $0) } ?? (v.text, v.expected ?? "")
            let prefix = isObject ? jsonString(names[k]) : ""
            spaced.append(isObject ? prefix + colon() + inner.0 : inner.0)
            compact.append(isObject ? prefix + ":" + inner.1 : inner.1)
        }
        let (open, close) = isObject ? ("{", "}") : ("[", "]")
        return (container(open, spaced, close), open + compact.joined(separator: ",") + close)
    }

    // MARK: - Tokens

    mutating func number() -> String {
        var n = rng.chance(0.3) ? "-" : ""
        n += rng.chance(0.15) ? "0" : String(rng.inRange(1...9)) + digits(rng.inRange(0...14))
        if rng.chance(0.3) { n += "." + digits(rng.inRange(1...6)) }
        if rng.chance(0.2) { n += rng.pick(["e", "E"]) + rng.pick(["", "+", "-"]) + String(rng.inRange(0...30)) }
        return n
    }

    mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(rng.inRange(0...9))) })
    }

    mutating func uniqueNames(_ count: Int) -> [String] {
        var seen = Set<String>()
        var names: [String] = []
        while names.count < count {
            let name = rng.chance(0.3) ? "f\(names.count)" : randomText()
            // Unique for Foundation too, which drops some U+FEFF from keys.
            if seen.insert(FoundationAgreement.withoutBOM(name)).inserted { names.append(name) }
        }
        return names
    }

    /// A known key, sometimes with escapes the parser must decode before matching it.
    mutating func key(_ name: String) -> String { jsonString(name) }

    mutating func colon() -> String { ws() + ":" + ws() }

    mutating func container(_ open: String, _ items: [String], _ close: String) -> String {
        var text = open + ws()
        for (k, item) in items.enumerated() {
            if k > 0 { text += ws() + "," + ws() }
            text += item
        }
        return text + ws() + close
    }

    mutating func ws() -> String {
        guard rng.chance(0.4) else { return "" }
        return (0..<rng.inRange(1...3)).map { _ in rng.pick([" ", "\n", "\t", "\r", "  "]) }.joined()
    }
}
