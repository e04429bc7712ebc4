/// Rows per naive second of one answer, counted as the rows stream in.
///
/// A table of its own (open addressing, a multiplicative hash) rather than a `Dictionary`: a
/// row's count costs a probe instead of hashing an `Int` with SipHash, once for every row of the
/// run. It holds one entry per distinct second, as the dictionary it becomes would.
struct SecondCounts {
    /// Slot i holds `seconds[i]` (or `empty`) and its count; a power of two long.
    private var seconds: [Int]
    private var counts: [Int]
    private(set) var distinct = 0

    /// No naive second of a real date is this.
    private static let empty = Int.min

    init() {
        seconds = Array(repeating: Self.empty, count: 64)
        counts = Array(repeating: 0, count: 64)
    }

    /// Counts one row of `second`.
    mutating func add(_ second: Int) {
        if (distinct + 1) * 4 > seconds.count * 3 { grow() }
        let mask = seconds.count - 1
        var slot = Self.slot(second, mask)
        while true {
            let held = seconds[slot]
            if held == second {
                counts[slot] += 1
                return
            }
            if held == Self.empty {
                seconds[slot] = second
                counts[slot] = 1
                distinct += 1
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// The counts by second.
    var bySecond: [Int: Int] {
        var out: [Int: Int] = [:]
        out.reserveCapacity(distinct)
        for slot in seconds.indices where seconds[slot] != Self.empty { out[seconds[slot]] = counts[slot] }
        return out
    }

    @inline(__always) private static func slot(_ second: Int, _ mask: Int) -> Int {
        // Fibonacci hashing: consecutive seconds spread over the table.
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(second)) &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    private mutating func grow() {
        let oldSeconds = seconds
        let oldCounts = counts
        seconds = Array(repeating: Self.empty, count: oldSeconds.count * 2)
        counts = Array(repeating: 0, count: oldSeconds.count * 2)
        let mask = seconds.count - 1
        for old in oldSeconds.indices where oldSeconds[old] != Self.empty {
            var slot = Self.slot(oldSeconds[old], mask)
            while seconds[slot] != Self.empty { slot = (slot + 1) & mask }
            seconds[slot] = oldSeconds[old]
            counts[slot] = oldCounts[old]
        }
    }
}
