package import WolkvoxAPI

/// Decides when a day of a run asked in several `ParameterLane`s may land: only once every lane
/// has all of it. A day is one atomic commit, so the rows of `skill_id=5` never land without
/// those of `skill_id=7`: a resume, which skips whole landed days, then loses and repeats
/// nothing.
///
/// One lane failing a day fails it for all: what the others brought for it waits in staging
/// and goes with the run's staging (a segment may hold other days that still land).
///
/// - Important: Pure state: no I/O. `LanedExtraction` feeds it what each lane's machine decides.
package struct LaneDayBook: Sendable {
    package let lanes: Int
    /// Pieces of each day, by lane, of the lanes that have all of it.
    private var whole: [LocalDay: [Int: [LandingPiece]]] = [:]
    /// Days that failed, with the first reason given.
    package private(set) var failed: [LocalDay: String] = [:]

    package init(lanes: Int) { self.lanes = max(1, lanes) }

    /// `lane` has every second of `day`, in `pieces`. Returns the pieces of every lane, lane by
    /// lane (each in time order), when this was the last lane the day waited for; nil otherwise.
    package mutating func arrive(lane: Int, day: LocalDay, pieces: [LandingPiece]) -> [LandingPiece]? {
        guard failed[day] == nil else { return nil }
        whole[day, default: [:]][lane] = pieces
        guard let byLane = whole[day], byLane.count == lanes else { return nil }
        whole[day] = nil
        return (0..<lanes).flatMap { byLane[$0] ?? [] }
    }

    /// The day fails (a lane's window failed for good, or landing it failed). True when it had
    /// not failed before: the other lanes are then to stop asking for it.
    @discardableResult
    package mutating func fail(_ day: LocalDay, reason: String) -> Bool {
        guard failed[day] == nil else { return false }
        failed[day] = reason
        whole[day] = nil
        return true
    }

    /// Lanes that have all of `day` while it waits for others.
    package func lanesWhole(_ day: LocalDay) -> Set<Int> { whole[day].map { Set($0.keys) } ?? [] }

    package var failedDays: [(LocalDay, String)] { failed.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
}
