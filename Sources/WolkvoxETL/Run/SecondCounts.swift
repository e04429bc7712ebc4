/// Rows per naive second of one answer, counted as the rows stream in.
///
/// A row's second is only noted (appended) and the counts are made once, by sorting, when the
/// answer ends: a `Dictionary` hashed every row's second with SipHash and probed a table of up
/// to a window's seconds at random, which cost more than the row's own typing. Eight bytes per
/// row of the answer (under half a megabyte for a full one of 60,000 rows).
struct SecondCounts {
    private var seconds: [Int] = []

    /// Counts one row of `second`.
    mutating func add(_ second: Int) { seconds.append(second) }

    /// The rows counted.
    var rows: Int { seconds.count }

    /// The counts by second.
    var bySecond: [Int: Int] {
        let sorted = seconds.sorted()
        var out: [Int: Int] = [:]
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, sorted[end] == sorted[start] { end += 1 }
            out[sorted[start]] = end - start
            start = end
        }
        return out
    }
}
