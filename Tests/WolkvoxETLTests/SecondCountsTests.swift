import Testing
import WolkvoxMock

@testable import WolkvoxETL

struct SecondCountsTests {
    @Test(arguments: [0, 1, 47, 48, 5_000])
    func countsEverySecondAsADictionaryWould(distinct: Int) {
        var rng = SeededGenerator(seed: UInt64(distinct) &+ 3)
        // Seconds of a month (around 2025), runs of neighbours, and the extremes.
        var pool = (0..<distinct).map { _ in 1_740_000_000 + rng.below(2_678_400) }
        if distinct > 2 { pool[0] = Int.max; pool[1] = Int.min + 1 }
        var counts = SecondCounts()
        var expected: [Int: Int] = [:]
        for _ in 0..<(distinct * 3) {
            let second = pool[rng.below(pool.count)]
            counts.add(second)
            expected[second, default: 0] += 1
        }
        #expect(counts.bySecond == expected)
        #expect(counts.rows == distinct * 3)
    }
}
