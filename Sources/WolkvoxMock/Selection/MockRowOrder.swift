/// The order an answer sends the rows it keeps in (see `MockCapKeeps` for which it keeps).
/// The real API appears to send them newest first but does not document it; the other orders
/// let tests check a client that must not rely on it.
package enum MockRowOrder: String, Sendable, Hashable, CaseIterable {
    case newestFirst = "newest-first"
    case oldestFirst = "oldest-first"
    /// A seeded random permutation of the sent rows, the same for the same query (and
    /// `MockConfiguration.selectionSeed`): no time order at all, not even within an hour.
    case shuffled
    /// Hours newest first, the rows of each hour oldest first: sorted nowhere, but every hour's
    /// rows are together.
    case shuffledWithinHours = "shuffled-within-hours"
}
