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
        i = ByteScan.stringStop(p, from: i, to: end)
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
    ///
    /// Unescaping never lengthens a string (`\uXXXX` is 6 bytes for at most 3, a surrogate pair
    /// 12 for 4), so the text is decoded straight into a String of the raw length.
    private mutating func readEscapedString(from contentStart: Int) throws(WolkvoxResponseError) -> String {
        let close = try closingQuote(from: contentStart)
        var failure: WolkvoxResponseError?
        let text = String(unsafeUninitializedCapacity: close - contentStart) { out in
            do throws(WolkvoxResponseError) {
                return try unescape(from: contentStart, to: close, into: out)
            } catch {
                failure = error
                return 0
            }
        }
        if let failure { throw failure }
        i = close + 1
        return text
    }

    /// The index of the quote that closes the string whose escape `i` is at.
    func closingQuote(from contentStart: Int) throws(WolkvoxResponseError) -> Int {
        var close = i
        while close < end {
            let b = p[close]
            if b == ASCII.quote { break }
            if b < 0x20 { throw malformed("control character inside a string (must be escaped)", at: close) }
            close = b == ASCII.backslash ? close + 2 : ByteScan.stringStop(p, from: close + 1, to: end)
        }
        guard close < end else { throw malformed("unterminated string", at: contentStart - 1) }
        return close
    }

    /// Decodes the string's content `p[contentStart..<close]` into `out` (room for as many
    /// bytes); returns the count. Bytes outside escapes are copied as they are, valid or not.
    func unescape(from contentStart: Int, to close: Int, into out: UnsafeMutableBufferPointer<UInt8>) throws(WolkvoxResponseError) -> Int {
        var n = 0
        var j = contentStart
        while j < close {
            let b = p[j]
            guard b == ASCII.backslash else {
                // A run up to the next escape (the string has no quote or control byte left).
                let stop = min(ByteScan.stringStop(p, from: j + 1, to: close), close)
                UnsafeMutableRawPointer(out.baseAddress! + n).copyMemory(from: p.baseAddress! + j, byteCount: stop - j)
                n += stop - j
                j = stop
                continue
            }
            let e = p[j + 1]
            var decoded: UInt8
            switch e {
            case ASCII.quote, ASCII.backslash, ASCII.slash: decoded = e
            case UInt8(ascii: "b"): decoded = 0x08
            case UInt8(ascii: "f"): decoded = 0x0C
            case UInt8(ascii: "n"): decoded = 0x0A
            case UInt8(ascii: "r"): decoded = 0x0D
            case UInt8(ascii: "t"): decoded = 0x09
            case UInt8(ascii: "u"):
                guard let (scalar, next) = unicodeEscape(at: j, limit: close) else {
                    throw malformed("invalid \\u escape (4 hex digits expected)", at: j)
                }
                n = Self.writeUTF8(scalar, to: out, at: n)
                j = next
                continue
            default:
                throw malformed("invalid escape '\\\(Character(Unicode.Scalar(e)))' in a string", at: j)
            }
            out[n] = decoded
            n += 1
            j += 2
        }
        return n
    }

    /// Decodes `\uXXXX` at `j` (and a following low surrogate when it pairs).
    /// - Returns: the scalar and the index after the escape(s); nil when the hex is invalid.
    private func unicodeEscape(at j: Int, limit: Int) -> (UInt32, Int)? {
        guard let high = hex4(at: j + 2, limit: limit) else { return nil }
        switch high {
        case 0xD800...0xDBFF:
            // A high surrogate pairs with a following `\uDC00`-`\uDFFF`; otherwise it stands alone.
            if j + 12 <= limit, p[j + 6] == ASCII.backslash, p[j + 7] == UInt8(ascii: "u"),
                let low = hex4(at: j + 8, limit: limit), (0xDC00...0xDFFF).contains(low)
            {
                return (0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00), j + 12)
            }
            return (0xFFFD, j + 6)
        case 0xDC00...0xDFFF:
            return (0xFFFD, j + 6)
        default:
            return (high, j + 6)
        }
    }

    private func hex4(at start: Int, limit: Int) -> UInt32? {
        guard start + 4 <= limit else { return nil }
        var value: UInt32 = 0
        for k in start..<start + 4 {
            let b = p[k]
            let digit: UInt8
            switch b {
            case ASCII.zero...ASCII.nine: digit = b - ASCII.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    static func writeUTF8(_ v: UInt32, to out: UnsafeMutableBufferPointer<UInt8>, at n: Int) -> Int {
        switch v {
        case 0..<0x80:
            out[n] = UInt8(v)
            return n + 1
        case 0x80..<0x800:
            out[n] = UInt8(0xC0 | v >> 6)
            out[n + 1] = UInt8(0x80 | v & 0x3F)
            return n + 2
        case 0x800..<0x10000:
            out[n] = UInt8(0xE0 | v >> 12)
            out[n + 1] = UInt8(0x80 | v >> 6 & 0x3F)
            out[n + 2] = UInt8(0x80 | v & 0x3F)
            return n + 3
        default:
            out[n] = UInt8(0xF0 | v >> 18)
            out[n + 1] = UInt8(0x80 | v >> 12 & 0x3F)
            out[n + 2] = UInt8(0x80 | v >> 6 & 0x3F)
            out[n + 3] = UInt8(0x80 | v & 0x3F)
            return n + 4
        }
    }
}
