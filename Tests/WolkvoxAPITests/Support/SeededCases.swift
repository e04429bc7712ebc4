import Foundation
import WolkvoxMock

extension SeededGenerator {
    /// Cut points (sorted, within `0...count`) that split `count` bytes into random chunks.
    mutating func cuts(count: Int) -> [Int] {
        guard count > 1 else { return [] }
        let n = inRange(1...min(12, count))
        return (0..<n).map { _ in inRange(0...count) }.sorted()
    }
}

/// Seeds for the property tests: fixed by default; `PARSER_FUZZ_SEED` replays one case and
/// `PARSER_FUZZ_CASES` runs more of them.
enum FuzzSeeds {
    static func cases(_ defaultCount: Int, salt: UInt64) -> [UInt64] {
        let env = ProcessInfo.processInfo.environment
        if let one = env["PARSER_FUZZ_SEED"].flatMap({ UInt64($0, radix: 16) }) { return [one] }
        let count = env["PARSER_FUZZ_CASES"].flatMap { Int($0) } ?? defaultCount
        var rng = SeededGenerator(seed: 0x5EED_0000 ^ salt)
        return (0..<count).map { _ in rng.next() }
    }
}
