/// SplitMix64: tiny, fast and fully specified, so the same seed gives the same data on every
/// platform and Swift version (the standard library's generator makes no such promise). The
/// project's one seeded generator: the mock's data, and the cases of the tests' property tests
/// and simulator, so a failure printed with its seed replays exactly.
package struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.finalize(state)
    }

    /// A uniform integer in `0..<bound` (bound > 0). Multiply-shift: unbiased enough for test data
    /// and, unlike `Int.random(in:using:)`, its output is pinned by this file.
    package mutating func below(_ bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    package mutating func inRange(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A double in `[0, 1)` from the top 53 bits.
    package mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    package mutating func chance(_ probability: Double) -> Bool { probability > 0 && unit() < probability }

    package mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }

    /// Picks by integer weights; `table` must have a positive total.
    mutating func pick<T>(weighted table: [(T, Int)]) -> T {
        let total = table.reduce(0) { $0 + $1.1 }
        var roll = below(total)
        for (value, weight) in table {
            if roll < weight { return value }
            roll -= weight
        }
        return table[table.count - 1].0
    }

    /// `count` decimal digits (leading zeros kept: ids and telephones are text).
    mutating func digits(_ count: Int) -> String {
        var bytes = [UInt8](repeating: 48, count: count)
        for i in 0..<count { bytes[i] = 48 + UInt8(below(10)) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Mixes values into one seed: each (seed, report, bucket, row) gets its own independent stream.
    static func mix(_ parts: UInt64...) -> UInt64 {
        var h: UInt64 = 0x6A09_E667_F3BC_C909
        for part in parts { h = finalize(h ^ finalize(part &+ 0x9E37_79B9_7F4A_7C15)) }
        return h
    }

    /// A stable 64-bit tag for a name (FNV-1a), so seeds never depend on `hashValue`.
    static func tag(_ name: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in name.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }
}
