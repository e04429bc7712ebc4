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
        var i = start
        if let base = p.baseAddress {
            while i + 8 <= end {
                let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let hit = equal(w, ASCII.quote) | equal(w, ASCII.backslash) | ((w &- ones &* 0x20) & ~w & highs)
                if hit != 0 { return i + hit.trailingZeroBitCount / 8 }
                i += 8
            }
        }
        while i < end {
            let b = p[i]
            if b == ASCII.quote || b == ASCII.backslash || b < 0x20 { return i }
            i += 1
        }
        return end
    }
}
