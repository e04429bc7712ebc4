/// Finds where one JSON value ends, across as many chunks as it takes, without parsing it.
///
/// The parser validates a value only once it is complete, so a record is never half-decoded and
/// the scan can resume where the previous chunk stopped instead of starting over (linear time
/// whatever the chunking). It tracks strings and bracket depth only; the reader that follows
/// rejects anything the scan let through (mismatched brackets, bad escapes, bad literals).
struct ValueScanner: Sendable {
    enum Mode: Sendable { case idle, string, container, scalar }

    var mode: Mode = .idle
    /// Absolute offset of the value's first byte.
    var start = 0
    /// Absolute offset of the next byte to look at.
    private var cursor = 0
    private var depth = 0
    private var inString = false
    private var escaped = false

    var isActive: Bool { mode != .idle }

    mutating func begin(at offset: Int, first: UInt8) {
        start = offset
        cursor = offset + 1
        depth = 0
        escaped = false
        inString = false
        switch first {
        case ASCII.quote:
            mode = .string
            inString = true
        case ASCII.openBrace, ASCII.openBracket:
            mode = .container
            depth = 1
        default:
            mode = .scalar
        }
    }

    mutating func reset() { mode = .idle }

    /// Returns the absolute offset just past the value, or nil when `p` ends first.
    /// - Parameters:
    ///   - p: the buffered bytes; `p[0]` is at absolute offset `base`.
    mutating func advance(_ p: UnsafeRawBufferPointer, base: Int) -> Int? {
        let n = p.count
        var i = cursor - base
        switch mode {
        case .idle:
            return nil
        case .scalar:
            while i < n {
                if !ASCII.isScalarByte(p[i]) {
                    mode = .idle
                    return base + i
                }
                i += 1
            }
        case .string, .container:
            var depth = self.depth
            var inString = self.inString
            var escaped = self.escaped
            defer {
                self.depth = depth
                self.inString = inString
                self.escaped = escaped
            }
            while i < n {
                if inString {
                    if escaped {
                        escaped = false
                        i += 1
                        continue
                    }
                    // Most bytes of a record are string content: skip them in a tight loop.
                    while i < n {
                        let b = p[i]
                        if b == ASCII.quote || b == ASCII.backslash { break }
                        i += 1
                    }
                    guard i < n else { break }
                    let b = p[i]
                    i += 1
                    if b == ASCII.backslash {
                        escaped = true
                    } else {
                        inString = false
                        if depth == 0 {
                            mode = .idle
                            return base + i
                        }
                    }
                } else {
                    let b = p[i]
                    i += 1
                    switch b {
                    case ASCII.quote:
                        inString = true
                    case ASCII.openBrace, ASCII.openBracket:
                        depth += 1
                    case ASCII.closeBrace, ASCII.closeBracket:
                        depth -= 1
                        if depth == 0 {
                            mode = .idle
                            return base + i
                        }
                    default:
                        break
                    }
                }
            }
        }
        cursor = base + i
        return nil
    }
}

/// Byte constants and classes for JSON.
enum ASCII {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let colon = UInt8(ascii: ":")
    static let comma = UInt8(ascii: ",")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let lowerE = UInt8(ascii: "e")
    static let upperE = UInt8(ascii: "E")
    static let lowerN = UInt8(ascii: "n")
    static let lessThan = UInt8(ascii: "<")

    @inline(__always) static func isWhitespace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= zero && b <= nine }

    /// Bytes that can continue a number or a literal; anything else ends the token.
    @inline(__always) static func isScalarByte(_ b: UInt8) -> Bool {
        (b >= zero && b <= nine) || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z"))
            || b == minus || b == plus || b == dot
    }
}
