/// Eight-bytes-at-a-time searches (SWAR) for the parser's hot loops: most of a response is
/// string content with nothing to stop at, and a word at a time skips it several times faster.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// High bit set in each byte equal to `byte` (exact for the lowest such byte).
    @inline(__always) private static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs
    }

    /// Index of the first `"`, `\` or byte below 0x20 in `p[start..<end]`, or `end`.
    @inline(__always) static func stringStop(_ p: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int {
        var passedNonASCII = false
        return stringStop(p, from: start, to: end, passedNonASCII: &passedNonASCII)
    }

    /// `stringStop`, also telling whether a byte it passed is not ASCII: a string of ASCII
    /// bytes needs no UTF-8 validation, and the scan sees its bytes anyway.
    @inline(__always) static func stringStop(
        _ p: UnsafeRawBufferPointer, from start: Int, to end: Int, passedNonASCII: inout Bool
    ) -> Int {
        var i = start
        var high: UInt64 = 0
        if let base = p.baseAddress {
            while i + 8 <= end {
                let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let hit = equal(w, ASCII.quote) | equal(w, ASCII.backslash) | ((w &- ones &* 0x20) & ~w & highs)
                if hit != 0 {
                    let index = hit.trailingZeroBitCount / 8
                    high |= w & highs & ((1 &<< UInt64(index * 8)) &- 1)
                    passedNonASCII = high != 0
                    return i + index
                }
                high |= w & highs
                i += 8
            }
        }
        while i < end {
            let b = p[i]
            if b == ASCII.quote || b == ASCII.backslash || b < 0x20 { break }
            high |= UInt64(b & 0x80)
            i += 1
        }
        passedNonASCII = high != 0
        return i
    }

    /// Whether `p` is well-formed UTF-8 (Unicode's table 3-7: no overlong forms, no surrogates,
    /// nothing past U+10FFFF), exactly when `String(decoding:as:)` would keep it unchanged.
    /// ASCII, most of a response, is checked a word at a time.
    static func isValidUTF8(_ p: UnsafeRawBufferPointer) -> Bool {
        let end = p.count
        var i = 0
        guard let base = p.baseAddress else { return true }
        while i < end {
            if i + 8 <= end, base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & highs == 0 {
                i += 8
                continue
            }
            let b0 = p[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            let count: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: count = 2
            case 0xE0:
                count = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: count = 3
            case 0xED:
                count = 3
                high = 0x9F
            case 0xF0:
                count = 4
                low = 0x90
            case 0xF1...0xF3: count = 4
            case 0xF4:
                count = 4
                high = 0x8F
            default: return false
            }
            guard i + count <= end, p[i + 1] >= low, p[i + 1] <= high else { return false }
            for k in 2..<count where p[i + k] & 0xC0 != 0x80 { return false }
            i += count
        }
        return true
    }
}
