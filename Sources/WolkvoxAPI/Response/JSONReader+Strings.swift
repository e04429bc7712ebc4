extension JSONReader {
    /// Reads a JSON string (the reader is at its opening quote) and returns its text.
    ///
    /// - Important: Invalid UTF-8 and lone `\uD800`-style surrogates become U+FFFD instead of
    ///   failing: one broken character in a free-text field (a chat body) must not make a whole
    ///   day unfetchable, and a retry would see the same bytes.
    mutating func readString() throws(WolkvoxResponseError) -> String {
        let open = i
        i += 1
        let contentStart = i
        while i < end {
            let b = p[i]
            if b == ASCII.quote {
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: p[contentStart..<i]), as: UTF8.self)
                i += 1
                return text
            }
            if b == ASCII.backslash { return try readEscapedString(from: contentStart) }
            if b < 0x20 { throw malformed("control character inside a string (must be escaped)") }
            i += 1
        }
        throw malformed("unterminated string", at: open)
    }

    /// The slow path: the string holds escapes. `i` is at the first backslash.
    private mutating func readEscapedString(from contentStart: Int) throws(WolkvoxResponseError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(i - contentStart + 32)
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[contentStart..<i]))
        while i < end {
            let b = p[i]
            if b == ASCII.quote {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b < 0x20 { throw malformed("control character inside a string (must be escaped)") }
            guard b == ASCII.backslash else {
                out.append(b)
                i += 1
                continue
            }
            let escapeStart = i
            i += 1
            guard i < end else { break }
            let e = p[i]
            i += 1
            switch e {
            case ASCII.quote, ASCII.backslash, ASCII.slash: out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                let scalar = try readUnicodeEscape(escapeStart: escapeStart)
                Self.appendUTF8(scalar, to: &out)
            default:
                throw malformed("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string", at: escapeStart)
            }
        }
        throw malformed("unterminated string", at: contentStart - 1)
    }

    /// Reads `XXXX` after `\u` (and a following `\uXXXX` low surrogate when it pairs).
    private mutating func readUnicodeEscape(escapeStart: Int) throws(WolkvoxResponseError) -> UInt32 {
        let high = try readHex4(escapeStart: escapeStart)
        switch high {
        case 0xD800...0xDBFF:
            // A high surrogate must be followed by `\uDC00`-`\uDFFF`; otherwise it stands alone.
            if i + 1 < end, p[i] == ASCII.backslash, p[i + 1] == UInt8(ascii: "u") {
                let save = i
                i += 2
                let low = try readHex4(escapeStart: save)
                if (0xDC00...0xDFFF).contains(low) {
                    return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                }
                i = save
            }
            return 0xFFFD
        case 0xDC00...0xDFFF:
            return 0xFFFD
        default:
            return high
        }
    }

    private mutating func readHex4(escapeStart: Int) throws(WolkvoxResponseError) -> UInt32 {
        guard i + 4 <= end else { throw malformed("incomplete \\u escape", at: escapeStart) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = p[i]
            let digit: UInt8
            switch b {
            case ASCII.zero...ASCII.nine: digit = b - ASCII.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw malformed("invalid \\u escape (4 hex digits expected)", at: escapeStart)
            }
            value = value << 4 | UInt32(digit)
            i += 1
        }
        return value
    }

    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | v >> 6))
            out.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | v >> 12))
            out.append(UInt8(0x80 | v >> 6 & 0x3F))
            out.append(UInt8(0x80 | v & 0x3F))
        default:
            out.append(UInt8(0xF0 | v >> 18))
            out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F))
            out.append(UInt8(0x80 | v & 0x3F))
        }
    }
}
