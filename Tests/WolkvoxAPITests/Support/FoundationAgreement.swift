import Foundation
import WolkvoxAPI

/// Checks what the parser made of a body against Foundation's JSONSerialization, the reference.
///
/// Records and envelope values are compared the way the parser promises to give them: strings
/// as their text, null as nil, numbers and booleans as their literal, nested values as compact
/// JSON that Foundation reads back to the same thing.
enum FoundationAgreement {
    /// Foundation's reading of `body` (without a UTF-8 BOM), or nil when it rejects it.
    static func read(_ body: [UInt8]) -> Result<Any, any Error> {
        let json = body.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(body.dropFirst(3)) : body
        return Result { try JSONSerialization.jsonObject(with: Data(json)) }
    }

    /// Nil when the parser's result agrees with Foundation's reading `top`, else why not.
    static func mismatch(_ parsed: Parsed, _ top: Any) -> String? {
        guard let top = top as? [String: Any] else { return "Foundation read no object" }
        let envelope = parsed.envelope
        for (name, ours) in [("code", envelope.code), ("error", envelope.error), ("msg", envelope.msg)] {
            if let theirs = top[name] {
                if !agrees(ours, theirs) { return "\(name): parser \(String(describing: ours)), Foundation \(theirs)" }
            } else if ours != nil {
                return "\(name): parser \(String(describing: ours)), absent for Foundation"
            }
        }
        let records = parsed.records
        guard envelope.recordCount == records.count else { return "recordCount \(envelope.recordCount) != \(records.count) emitted" }
        switch top["data"] {
        case nil:
            return envelope.dataShape == .absent && records.isEmpty ? nil : "data absent for Foundation"
        case is NSNull:
            return envelope.dataShape == .null && records.isEmpty ? nil : "data null for Foundation"
        case let list as [Any]:
            guard envelope.dataShape == .list, list.count == records.count else { return "data list of \(list.count)" }
            for (k, (ours, theirs)) in zip(records, list).enumerated() {
                if let why = recordMismatch(ours, theirs) { return "record \(k): \(why)" }
            }
            return nil
        case let object as [String: Any]:
            guard envelope.dataShape == .object else { return "data object for Foundation" }
            if records.count == 1, recordMismatch(records[0], object) == nil { return nil }
            // A map of records: Foundation keeps no order, so look for a pairing of equal records.
            guard records.count == object.count else { return "data map of \(object.count)" }
            if pairs(records[...], Array(object.values)) { return nil }
            return "map records match none of Foundation's pairings: \(records) vs \(object)"
        case let other?:
            return "data is \(other) for Foundation"
        }
    }

    /// Whether each record agrees with a distinct one of `theirs` (a small backtracking search:
    /// agreement is looser than equality, `1` and `true` both agree with Foundation's 1).
    private static func pairs(_ ours: ArraySlice<RawRecord>, _ theirs: [Any]) -> Bool {
        guard let first = ours.first else { return true }
        for j in theirs.indices where recordMismatch(first, theirs[j]) == nil {
            var rest = theirs
            rest.remove(at: j)
            if pairs(ours.dropFirst(), rest) { return true }
        }
        return false
    }

    static func recordMismatch(_ ours: RawRecord, _ theirs: Any) -> String? {
        guard let object = theirs as? [String: Any] else { return "not an object for Foundation" }
        let theirs = Dictionary(object.map { (withoutBOM($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        let names = ours.names.map(withoutBOM)
        guard Set(names) == Set(theirs.keys) else { return "fields \(ours.names) vs \(object.keys.sorted())" }
        // A repeated name: Foundation keeps one of its values, the parser all, so skip those.
        let repeated = Set(names.filter { name in names.count { $0 == name } > 1 })
        for (name, field) in zip(names, ours.fields) where !repeated.contains(name) {
            guard let value = theirs[name] else { return "field \(field.name) absent for Foundation" }
            if !agrees(field.value, value) {
                return "field \(field.name): parser \(String(describing: field.value)), Foundation \(value)"
            }
        }
        return nil
    }

    /// Foundation (swift-corelibs) drops a raw U+FEFF at the start of a string or right after an
    /// escape, taking it for a byte order mark; the parser keeps it, as RFC 8259 says.
    static func withoutBOM(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\u{FEFF}" }))
    }

    /// Foundation's decimal conversion is not correctly rounded for long literals (17+ digits).
    static func close(_ a: Double, _ b: Double) -> Bool {
        a == b || abs(a - b) <= 1e-12 * max(abs(a), abs(b))
    }

    /// Whether the parser's text for a value stands for Foundation's reading of it.
    static func agrees(_ ours: String?, _ theirs: Any) -> Bool {
        if theirs is NSNull { return ours == nil }
        guard let ours else { return false }
        if let text = theirs as? String { return withoutBOM(ours).unicodeScalars.elementsEqual(withoutBOM(text).unicodeScalars) }
        if theirs is [Any] || theirs is [String: Any] {
            guard isCompact(ours), let reread = try? JSONSerialization.jsonObject(with: Data(ours.utf8), options: .fragmentsAllowed) else {
                return false
            }
            return same(reread, theirs)
        }
        if ours == "true" || ours == "false" { return (theirs as? NSNumber)?.boolValue == (ours == "true") }
        guard let number = theirs as? NSNumber, let value = Double(ours) else { return false }
        return close(value, number.doubleValue)
    }

    /// Deep equality of two Foundation readings.
    static func same(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case (is NSNull, is NSNull): return true
        case (let x as String, let y as String): return withoutBOM(x).unicodeScalars.elementsEqual(withoutBOM(y).unicodeScalars)
        case (let x as [Any], let y as [Any]): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (let x as [String: Any], let y as [String: Any]):
            return x.count == y.count && x.allSatisfy { key, value in y[key].map { same(value, $0) } ?? false }
        case (let x as NSNumber, let y as NSNumber): return close(x.doubleValue, y.doubleValue)
        default: return false
        }
    }

    /// No whitespace outside strings.
    static func isCompact(_ json: String) -> Bool {
        var inString = false
        var escaped = false
        for b in json.utf8 {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
            } else if b == UInt8(ascii: "\"") {
                inString = true
            } else if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 {
                return false
            }
        }
        return true
    }

    /// Where the parser may accept what Foundation refuses: it repairs invalid UTF-8 and lone
    /// surrogate escapes to U+FFFD rather than lose a day over one character, and it keeps a
    /// number's literal however large (`1e999`) where Foundation wants a Double.
    static func parserMayBeLenient(_ body: [UInt8], refusal: any Error) -> Bool {
        if "\(refusal)".contains("is not representable") { return true }
        // A number beyond a Double's range: Foundation refuses it (its message varies), the parser keeps the text.
        if String(decoding: body, as: UTF8.self).range(of: #"[0-9][eE][+-]?[0-9]{3,}"#, options: .regularExpression) != nil {
            return true
        }
        if String(validating: body, as: UTF8.self) == nil { return true }
        let text = String(decoding: body, as: UTF8.self).lowercased()
        return ["\\ud8", "\\ud9", "\\uda", "\\udb", "\\udc", "\\udd", "\\ude", "\\udf"].contains { text.contains($0) }
    }
}
