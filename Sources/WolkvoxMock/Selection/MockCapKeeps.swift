/// Which rows an answer keeps when its window holds more than `MockConfiguration.recordCap`.
///
/// The real API does not document it, so a client must land every row exactly once whichever
/// it is; each case lets a test pin one down.
package enum MockCapKeeps: String, Sendable, Hashable, CaseIterable {
    /// The newest `recordCap` rows of the window, by time: what the mock has always done.
    case newest
    /// The oldest `recordCap` rows of the window: the cut falls at its newest end.
    case oldest
    /// A seeded, roughly uniform subset of the window's rows, holes at every hour: a client can
    /// infer nothing about the rows it did not get from the times of those it got. The same query
    /// (and `MockConfiguration.selectionSeed`) keeps the same rows.
    case arbitrary
}
