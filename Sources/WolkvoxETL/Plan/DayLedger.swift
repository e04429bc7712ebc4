package import WolkvoxAPI

/// Tracks which seconds of each day of a run have arrived, so a day is landed only once every
/// second of it has been answered by some window.
///
/// Windows never overlap (the schedule hands out each second once), so a day is whole when the
/// seconds of the windows that arrived for it add up to the day.
///
/// A whole day is handed to the landing, which may take a while (a bucket's uploads) while the
/// run goes on asking: the day is `landing` until the runner says how that ended, so it is never
/// handed over twice nor counted landed before its files are.
///
/// - Important: Pure state: no I/O. The runner feeds it outcomes and acts on what it returns.
package struct DayLedger: Sendable {
    package enum DayState: Sendable, Equatable {
        case waiting
        /// Every second arrived; the day was handed to the landing, which has not finished.
        case landing
        case failed(String)
        case landed
    }

    package typealias Piece = LandingPiece

    private var covered: [LocalDay: Int] = [:]
    private var arrived: [LocalDay: [Piece]] = [:]
    package private(set) var states: [LocalDay: DayState] = [:]

    package init(days: [LocalDay]) {
        for day in days {
            covered[day] = 0
            arrived[day] = []
            states[day] = .waiting
        }
    }

    /// `window` arrived whole, its rows in `segmentIDs`. Returns the days it completed, with the
    /// pieces that make them up in time order.
    package mutating func arrive(_ window: Window, segmentIDs: [String]) -> [(day: LocalDay, pieces: [Piece])] {
        var ready: [(LocalDay, [Piece])] = []
        for day in window.days where covered[day] != nil {
            let from = max(window.start, .startOf(day))
            let to = min(window.end, .endOf(day))
            covered[day]! += to.naiveSeconds - from.naiveSeconds + 1
            arrived[day]!.append(Piece(window: window, segmentIDs: segmentIDs))
            if covered[day]! >= 86_400, states[day] == .waiting {
                states[day] = .landing
                ready.append((day, arrived[day]!.sorted()))
            }
        }
        return ready
    }

    /// A window failed for good: every day it covers fails. Returns the days newly failed.
    package mutating func fail(_ window: Window, reason: String) -> [LocalDay] {
        var failed: [LocalDay] = []
        for day in window.days where states[day] == .waiting {
            states[day] = .failed(reason)
            failed.append(day)
        }
        return failed
    }

    /// The landing of a day handed over finished. A day not handed over (a caller driving the
    /// ledger by hand) lands all the same; a failed day stays failed.
    package mutating func markLanded(_ day: LocalDay) {
        guard states[day] != nil, !isFailed(day) else { return }
        states[day] = .landed
    }

    /// The landing of a day failed (or another lane failed it): a day not yet landed fails.
    /// - Returns: whether the day newly failed.
    @discardableResult
    package mutating func failLanding(_ day: LocalDay, reason: String) -> Bool {
        guard let state = states[day], state == .waiting || state == .landing else { return false }
        states[day] = .failed(reason)
        return true
    }

    /// Whether a window covering the day is still worth asking (it neither failed nor is whole).
    package func isAlive(_ day: LocalDay) -> Bool { states[day] == .waiting }

    /// Days handed to the landing that have not finished landing.
    package var landing: [LocalDay] { states.filter { $0.value == .landing }.map(\.key).sorted() }

    private func isFailed(_ day: LocalDay) -> Bool {
        if case .failed? = states[day] { return true }
        return false
    }

    package var failedDays: [(LocalDay, String)] {
        states.compactMap { day, state in
            if case .failed(let reason) = state { return (day, reason) }
            return nil
        }.sorted { $0.0 < $1.0 }
    }
}
