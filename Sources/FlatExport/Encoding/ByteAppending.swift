/// Byte-level helpers shared by the row encoders: they read a `String`'s UTF-8 storage in place
/// so a row costs no intermediate `String` or `Array` allocations.
enum ByteAppending {
    /// Runs `body` over the string's UTF-8 bytes, copying only for non-native (bridged) strings.
    @inline(__always)
    static func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Appends the string's UTF-8 bytes unchanged.
    @inline(__always)
    static func appendUTF8(_ text: String, to out: inout ByteBuilder) {
        withUTF8(text) { out.append($0) }
    }
}

/// JSON string escaping per RFC 8259: `"` and `\` are escaped, control characters below 0x20 use
/// the short forms where JSON has them and `\u00XX` otherwise; all other UTF-8 (including emoji)
/// passes through unchanged, since Swift strings are always valid UTF-8.
enum JSONText {
    private static let hexDigits: StaticString = "0123456789abcdef"

    /// Appends `text` as a quoted JSON string.
    @inline(__always)
    static func appendQuoted(_ text: String, to out: inout ByteBuilder) {
        ByteAppending.withUTF8(text) { appendQuoted($0, to: &out) }
    }

    /// Appends `text` as a quoted JSON string.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        var builder = ByteBuilder(capacity: text.utf8.count + 16)
        defer { builder.release() }
        appendQuoted(text, to: &builder)
        out.append(contentsOf: builder.bytes)
    }

    static func appendQuoted(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteBuilder) {
        let count = bytes.count
        // Room for the quotes and the text as is; escapes reserve their own.
        out.reserve(count + 2)
        out.appendReserved(UInt8(ascii: "\""))
        guard let p = bytes.baseAddress else {
            out.appendReserved(UInt8(ascii: "\""))
            return
        }
        var runStart = 0
        var index = SWAR.firstJSONSpecial(p, from: 0, count: count)
        while index < count {
            out.append(UnsafeBufferPointer(start: p + runStart, count: index - runStart))
            let byte = p[index]
            out.reserve(6)
            out.appendReserved(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): out.appendReserved(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.appendReserved(UInt8(ascii: "\\"))
            case 0x0A: out.appendReserved(UInt8(ascii: "n"))
            case 0x0D: out.appendReserved(UInt8(ascii: "r"))
            case 0x09: out.appendReserved(UInt8(ascii: "t"))
            case 0x08: out.appendReserved(UInt8(ascii: "b"))
            case 0x0C: out.appendReserved(UInt8(ascii: "f"))
            default:
                out.appendReserved(UInt8(ascii: "u"))
                out.appendReserved(UInt8(ascii: "0"))
                out.appendReserved(UInt8(ascii: "0"))
                out.appendReserved(hexDigits.utf8Start[Int(byte >> 4)])
                out.appendReserved(hexDigits.utf8Start[Int(byte & 0x0F)])
            }
            runStart = index + 1
            index = SWAR.firstJSONSpecial(p, from: runStart, count: count)
        }
        out.append(UnsafeBufferPointer(start: p + runStart, count: count - runStart))
        out.append(UInt8(ascii: "\""))
    }
}
