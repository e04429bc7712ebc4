/// A JSON value read as a tree. A ``RawRecord`` keeps a field's nested array or object as its
/// compact JSON text (the list parser never builds trees: most reports have none); the transform
/// of a field the catalog declares nested reads that text back with ``init(parsing:)``.
package enum RawJSON: Sendable, Hashable {
    case null
    case string(String)
    /// A number, `true` or `false`, as its literal.
    case literal(String)
    case array([RawJSON])
    case object([Member])

    package struct Member: Sendable, Hashable {
        package var name: String
        package var value: RawJSON

        package init(_ name: String, _ value: RawJSON) {
            self.name = name
            self.value = value
        }
    }

    /// The tree of `text`, or nil when it is not one JSON value (surrounding whitespace allowed).
    package init?(parsing text: String) {
        var text = text
        let tree: RawJSON? = text.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            var reader = JSONReader(raw, base: 0, from: 0, to: raw.count)
            reader.skipWhitespace()
            guard let tree = try? reader.readTree(depth: 0) else { return nil }
            reader.skipWhitespace()
            return reader.i == reader.end ? tree : nil
        }
        guard let tree else { return nil }
        self = tree
    }

    /// Compact JSON text, as a ``RawRecord`` holds a nested value.
    package var jsonText: String {
        switch self {
        case .null: "null"
        case .string(let text): Self.quoted(text)
        case .literal(let literal): literal
        case .array(let elements): "[" + elements.map(\.jsonText).joined(separator: ",") + "]"
        case .object(let members): "{" + members.map { Self.quoted($0.name) + ":" + $0.value.jsonText }.joined(separator: ",") + "}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension JSONReader {
    /// Reads one value as a tree; `i` ends just past it.
    mutating func readTree(depth: Int) throws(WolkvoxResponseError) -> RawJSON {
        guard depth < Self.maxDepth else { throw malformed("nesting deeper than \(Self.maxDepth) levels") }
        guard let b = peek() else { throw malformed("expected a value") }
        switch b {
        case ASCII.openBracket:
            i += 1
            skipWhitespace()
            var elements: [RawJSON] = []
            if peek() == ASCII.closeBracket {
                i += 1
                return .array(elements)
            }
            while true {
                elements.append(try readTree(depth: depth + 1))
                skipWhitespace()
                guard let next = peek() else { throw malformed("unbalanced brackets") }
                i += 1
                if next == ASCII.closeBracket { return .array(elements) }
                guard next == ASCII.comma else { throw malformed("expected ',' or ']' after value", at: i - 1) }
                skipWhitespace()
            }
        case ASCII.openBrace:
            i += 1
            skipWhitespace()
            var members: [RawJSON.Member] = []
            if peek() == ASCII.closeBrace {
                i += 1
                return .object(members)
            }
            while true {
                guard peek() == ASCII.quote else { throw malformed("expected '\"' to start a key") }
                let name = try readString()
                skipWhitespace()
                guard peek() == ASCII.colon else { throw malformed("expected ':' after a key") }
                i += 1
                skipWhitespace()
                members.append(RawJSON.Member(name, try readTree(depth: depth + 1)))
                skipWhitespace()
                guard let next = peek() else { throw malformed("unbalanced brackets") }
                i += 1
                if next == ASCII.closeBrace { return .object(members) }
                guard next == ASCII.comma else { throw malformed("expected ',' or '}' after value", at: i - 1) }
                skipWhitespace()
            }
        case ASCII.quote:
            return .string(try readString())
        default:
            guard let literal = try readValueText(depth: depth) else { return .null }
            return .literal(literal)
        }
    }
}
