import WolkvoxAPI

/// Decides when whole days start landing while the run goes on asking: at most `limit` days
/// land at once (each in a task beside the requests), the others wait in the order they became
/// whole, and while one waits the run asks nothing more, so whole days never pile up faster
/// than they land.
///
/// - Important: Pure state: no I/O. `RangeRun` starts what `start()` hands out and reports each
///   end with `finished(_:)`.
struct LandingQueue: Sendable {
    struct Day: Sendable, Hashable {
        var day: LocalDay
        var pieces: [LandingPiece]
    }

    /// Days landing at once, at least 1.
    let limit: Int
    /// Whole days waiting for a free slot, oldest first.
    private(set) var waiting: [Day] = []
    /// Days started and not finished.
    private(set) var landing: Set<LocalDay> = []

    init(limit: Int) { self.limit = max(1, limit) }

    /// A day became whole: it lands once a slot is free.
    mutating func add(_ day: LocalDay, pieces: [LandingPiece]) {
        waiting.append(Day(day: day, pieces: pieces))
    }

    /// The days to start now, as many of the waiting ones as there are free slots.
    mutating func start() -> [Day] {
        let count = min(waiting.count, limit - landing.count)
        guard count > 0 else { return [] }
        let started = Array(waiting.prefix(count))
        waiting.removeFirst(count)
        landing.formUnion(started.map(\.day))
        return started
    }

    /// A started day finished landing, or failed to: its slot is free.
    mutating func finished(_ day: LocalDay) {
        landing.remove(day)
    }

    /// Whether the run may ask for more windows: no whole day waits for a slot.
    var mayAsk: Bool { waiting.isEmpty }

    /// Nothing waits and nothing lands.
    var isIdle: Bool { waiting.isEmpty && landing.isEmpty }
}
