/// The items of the oldest and the newest second seen so far, held back while an answer streams
/// in any order: at its end they are the edge seconds a cut answer may have cut, staged apart
/// so a kept part can leave one out. Items of a second that stops being an edge are handed back
/// to be written at once, so memory is two seconds' worth of items at most.
///
/// - Important: Pure state: no I/O.
struct CutEdges<Item> {
    struct Edge {
        var second: Int
        var items: [Item]
    }

    /// The oldest second seen (also the newest while only one second was seen).
    private(set) var low: Edge?
    /// The newest second seen, when it differs from `low`.
    private(set) var high: Edge?
    /// An edge second held more items than `limit`: its items were written with the others and
    /// the answer cannot be kept without it.
    private(set) var overflowed = false
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// Whether `add` would hold an item of `second` rather than hand it back at once: it is at
    /// or beyond an edge.
    func holds(_ second: Int) -> Bool {
        guard let low, let high else { return true }
        return second <= low.second || second >= high.second
    }

    /// Adds an item of `second`; returns items no longer on an edge, to write now.
    mutating func add(_ item: Item, at second: Int) -> [Item] {
        guard let current = low else {
            low = Edge(second: second, items: [item])
            return []
        }
        guard let top = high else {
            if second == current.second { return append(item, toLow: true) }
            if second > current.second {
                high = Edge(second: second, items: [item])
            } else {
                high = current
                low = Edge(second: second, items: [item])
            }
            return []
        }
        if second == current.second { return append(item, toLow: true) }
        if second == top.second { return append(item, toLow: false) }
        if second < current.second {
            low = Edge(second: second, items: [item])
            return current.items
        }
        if second > top.second {
            high = Edge(second: second, items: [item])
            return top.items
        }
        return [item]
    }

    private mutating func append(_ item: Item, toLow: Bool) -> [Item] {
        let count = toLow ? low!.items.count : high!.items.count
        guard count < limit else {
            overflowed = true
            return [item]
        }
        if toLow { low!.items.append(item) } else { high!.items.append(item) }
        return []
    }
}
