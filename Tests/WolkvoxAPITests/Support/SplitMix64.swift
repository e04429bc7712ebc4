import Foundation

/// A tiny deterministic generator: the same seed gives the same cases on every machine, so a
/// failure printed with its seed can be replayed exactly.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    /// Cut points (sorted, within `0...count`) that split `count` bytes into random chunks.
    mutating func cuts(count: Int) -> [Int] {
        guard count > 1 else { return [] }
        let n = int(1...min(12, count))
        return (0..<n).map { _ in int(0...count) }.sorted()
    }
}

/// Seeds for the property tests: fixed by default; `PARSER_FUZZ_SEED` replays one case and
/// `PARSER_FUZZ_CASES` runs more of them.
enum FuzzSeeds {
    static func cases(_ defaultCount: Int, salt: UInt64) -> [UInt64] {
        let env = ProcessInfo.processInfo.environment
        if let one = env["PARSER_FUZZ_SEED"].flatMap({ UInt64($0, radix: 16) }) { return [one] }
        let count = env["PARSER_FUZZ_CASES"].flatMap { Int($0) } ?? defaultCount
        var rng = SplitMix64(seed: 0x5EED_0000 ^ salt)
        return (0..<count).map { _ in rng.next() }
    }
}
