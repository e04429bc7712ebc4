/// A validating JSON reader over one complete value held in memory.
///
/// `ValueScanner` finds the value's end; this reads it strictly (RFC 8259 grammar) and turns it
/// into what a `RawRecord` holds: text for strings, the literal for numbers and booleans, nil for
/// null, compact JSON text for nested objects and arrays.
struct JSONReader {
    /// The buffered bytes; `p[0]` is at absolute offset `base` of the body.
    let p: UnsafeRawBufferPointer
    let base: Int
    /// Index into `p` of the next byte to read.
    var i: Int
    /// Index into `p` just past the value.
    let end: Int

    /// Nested objects and arrays are read recursively; this bounds the stack.
    static let maxDepth = 512

    init(_ p: UnsafeRawBufferPointer, base: Int, from start: Int, to end: Int) {
        self.p = p
        self.base = base
        self.i = start - base
        self.end = end - base
    }

    func malformed(_ reason: String, at index: Int? = nil) -> WolkvoxResponseError {
        let at = index ?? i
        return WolkvoxResponseError(
            kind: .malformed, offset: base + at, reason: reason, excerpt: Self.excerpt(p, around: at))
    }

    /// Up to 32 bytes before and after `index`, made printable.
    static func excerpt(_ p: UnsafeRawBufferPointer, around index: Int) -> String {
        let lo = max(0, min(index, p.count) - 32)
        let hi = min(p.count, max(index, 0) + 32)
        guard lo < hi else { return "" }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: p[lo..<hi]), as: UTF8.self)
        return String(text.unicodeScalars.map { $0.value < 0x20 || $0 == "\"" ? " " : Character($0) })
    }

    @inline(__always) mutating func skipWhitespace() {
        while i < end, ASCII.isWhitespace(p[i]) { i += 1 }
    }

    @inline(__always) func peek() -> UInt8? { i < end ? p[i] : nil }

    /// Reads the whole slice as one value (nothing but whitespace may follow).
    mutating func readWholeValueText() throws(WolkvoxResponseError) -> String? {
        let text = try readValueText(depth: 0)
        skipWhitespace()
        guard i == end else { throw malformed("unexpected character after a value") }
        return text
    }

    /// Reads the whole slice as one string.
    mutating func readWholeString() throws(WolkvoxResponseError) -> String {
        let text = try readString()
        guard i == end else { throw malformed("unexpected character after a string") }
        return text
    }

    /// Reads one value: a string's text, a scalar's literal, nil for null, compact JSON otherwise.
    mutating func readValueText(depth: Int) throws(WolkvoxResponseError) -> String? {
        guard let b = peek() else { throw malformed("expected a value") }
        switch b {
        case ASCII.quote:
            return try readString()
        case ASCII.openBrace, ASCII.openBracket:
            var out: [UInt8] = []
            try appendCompact(into: &out, depth: depth)
            return String(decoding: out, as: UTF8.self)
        case ASCII.lowerN:
            try readLiteral("null")
            return nil
        case UInt8(ascii: "t"):
            try readLiteral("true")
            return "true"
        case UInt8(ascii: "f"):
            try readLiteral("false")
            return "false"
        default:
            let start = i
            try readNumber()
            return String(decoding: UnsafeRawBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
        }
    }

    mutating func readLiteral(_ word: StaticString) throws(WolkvoxResponseError) {
        let count = word.utf8CodeUnitCount
        let start = i
        var k = 0
        while k < count {
            guard i < end, p[i] == word.utf8Start[k] else {
                throw malformed("invalid literal (expected \(word))", at: start)
            }
            i += 1
            k += 1
        }
        if i < end, ASCII.isScalarByte(p[i]) { throw malformed("invalid literal (expected \(word))", at: start) }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    mutating func readNumber() throws(WolkvoxResponseError) {
        let start = i
        if i < end, p[i] == ASCII.minus { i += 1 }
        guard i < end, ASCII.isDigit(p[i]) else { throw malformed("expected a value", at: start) }
        if p[i] == ASCII.zero {
            i += 1
        } else {
            while i < end, ASCII.isDigit(p[i]) { i += 1 }
        }
        if i < end, p[i] == ASCII.dot {
            i += 1
            guard i < end, ASCII.isDigit(p[i]) else { throw malformed("invalid number: digits expected after '.'", at: start) }
            while i < end, ASCII.isDigit(p[i]) { i += 1 }
        }
        if i < end, p[i] == ASCII.lowerE || p[i] == ASCII.upperE {
            i += 1
            if i < end, p[i] == ASCII.plus || p[i] == ASCII.minus { i += 1 }
            guard i < end, ASCII.isDigit(p[i]) else { throw malformed("invalid number: digits expected in exponent", at: start) }
            while i < end, ASCII.isDigit(p[i]) { i += 1 }
        }
        if i < end, ASCII.isScalarByte(p[i]) { throw malformed("invalid number", at: start) }
    }

    /// Validates an object or array and appends it without insignificant whitespace.
    /// Strings are copied as they were escaped, which is still valid JSON.
    mutating func appendCompact(into out: inout [UInt8], depth: Int) throws(WolkvoxResponseError) {
        guard depth < Self.maxDepth else { throw malformed("nesting deeper than \(Self.maxDepth) levels") }
        let open = p[i]
        let close = open == ASCII.openBrace ? ASCII.closeBrace : ASCII.closeBracket
        out.append(open)
        i += 1
        skipWhitespace()
        if peek() == close {
            out.append(close)
            i += 1
            return
        }
        while true {
            if open == ASCII.openBrace {
                guard peek() == ASCII.quote else { throw malformed("expected '\"' to start a key") }
                try appendRawString(into: &out)
                skipWhitespace()
                guard peek() == ASCII.colon else { throw malformed("expected ':' after a key") }
                out.append(ASCII.colon)
                i += 1
                skipWhitespace()
            }
            try appendValue(into: &out, depth: depth + 1)
            skipWhitespace()
            guard let b = peek() else { throw malformed("unbalanced brackets") }
            if b == ASCII.comma {
                out.append(b)
                i += 1
                skipWhitespace()
            } else if b == close {
                out.append(b)
                i += 1
                return
            } else {
                throw malformed(open == ASCII.openBrace ? "expected ',' or '}' after value" : "expected ',' or ']' after value")
            }
        }
    }

    private mutating func appendValue(into out: inout [UInt8], depth: Int) throws(WolkvoxResponseError) {
        guard let b = peek() else { throw malformed("expected a value") }
        switch b {
        case ASCII.quote:
            try appendRawString(into: &out)
        case ASCII.openBrace, ASCII.openBracket:
            try appendCompact(into: &out, depth: depth)
        default:
            let start = i
            switch b {
            case ASCII.lowerN: try readLiteral("null")
            case UInt8(ascii: "t"): try readLiteral("true")
            case UInt8(ascii: "f"): try readLiteral("false")
            default: try readNumber()
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[start..<i]))
        }
    }

    /// Validates a string and appends it with its quotes and escapes as they were.
    private mutating func appendRawString(into out: inout [UInt8]) throws(WolkvoxResponseError) {
        let start = i
        _ = try readString()
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[start..<i]))
    }
}
