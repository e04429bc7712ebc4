import WolkvoxAPI
import WolkvoxMock
@testable import WolkvoxETL

/// A seeded month of rows for the simulator: a day-and-night profile, empty days, a heavy day,
/// a heavy hour, and sometimes one second that alone holds more than the cap.
struct Scenario {
    var days: [LocalDay]
    var rows: [Int]
    /// Days that cannot land whole: a second of theirs holds more than the cap.
    var burstDays: Set<LocalDay> = []

    static let firstDay = LocalDay(year: 2025, month: 3, day: 1)

    /// The issue's month: 597,474 rows of cdr_1 in March, one day of 148,000, one hour of 72,000.
    static func issueMonth(seed: UInt64 = 7, total: Int = 597_474) -> Scenario {
        var rng = SeededGenerator(seed: seed)
        let days = (0..<31).map { firstDay.adding(days: $0) }
        var perDay = [Int](repeating: 0, count: 31)
        perDay[13] = 148_000
        let rest = total - 148_000 - 72_000
        for i in 0..<31 where i != 13 { perDay[i] = rest / 30 + (i < rest % 30 ? 1 : 0) }
        perDay[19] += 72_000
        var rows: [Int] = []
        rows.reserveCapacity(total)
        for (i, day) in days.enumerated() {
            var hours = profile(rows: perDay[i] - (i == 19 ? 72_000 : 0), rng: &rng)
            if i == 19 {
                // The heavy hour: exactly 72,000 rows at 10:00.
                hours[12] += hours[10]
                hours[10] = 72_000
            }
            rows += seconds(day: day, hours: hours, rng: &rng)
        }
        return Scenario(days: days, rows: rows.sorted())
    }

    /// A random scenario around `cap` rows a day or so.
    static func random(seed: UInt64, cap: Int) -> Scenario {
        var rng = SeededGenerator(seed: seed)
        let count = 1 + rng.below(45)
        let start = firstDay.adding(days: rng.below(60))
        let days = (0..<count).map { start.adding(days: $0) }
        var rows: [Int] = []
        var bursts: Set<LocalDay> = []
        let typical = Double(cap) * [0.05, 0.3, 0.8, 2.5][rng.below(4)]
        for day in days {
            var total = Int(typical * (0.5 + rng.unit()))
            if rng.below(8) == 0 { total = 0 }
            if rng.below(10) == 0 { total = cap * 2 + rng.below(cap * 2) }
            var hours = profile(rows: total, rng: &rng)
            if rng.below(12) == 0 { hours[9 + rng.below(8)] += cap + rng.below(cap / 2) }
            rows += seconds(day: day, hours: hours, rng: &rng)
            if rng.below(40) == 0 {
                let second = LocalDateTime.startOf(day).naiveSeconds + 3600 * 11 + rng.below(3600)
                rows += Array(repeating: second, count: cap + 1 + rng.below(10))
                bursts.insert(day)
            }
        }
        return Scenario(days: days, rows: rows.sorted(), burstDays: bursts)
    }

    /// Rows of a day spread over its hours, most of them in working hours.
    static func profile(rows: Int, rng: inout SeededGenerator) -> [Int] {
        let weights = (0..<24).map { h -> Double in (7...20).contains(h) ? 1 + rng.unit() : 0.05 * rng.unit() }
        let sum = weights.reduce(0, +)
        var hours = weights.map { Int(Double(rows) * $0 / sum) }
        hours[12] += rows - hours.reduce(0, +)
        return hours
    }

    static func seconds(day: LocalDay, hours: [Int], rng: inout SeededGenerator) -> [Int] {
        let base = LocalDateTime.startOf(day).naiveSeconds
        var result: [Int] = []
        for (hour, n) in hours.enumerated() {
            for _ in 0..<n { result.append(base + hour * 3600 + rng.below(3600)) }
        }
        return result
    }
}
