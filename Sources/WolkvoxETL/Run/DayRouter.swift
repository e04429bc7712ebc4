import FlatExport
import WolkvoxAPI

/// Writes rows and rejects to per-day staging segments under one segment id.
///
/// - Important: Used by one task only. `discard()` removes everything it wrote.
final class DayRouter: HandsOffBlocks {
    let id: String
    private let staging: DayStaging
    private let rejects: DayStaging
    private var segments: [LocalDay: DayStaging.Segment] = [:]
    private var rejectSegments: [LocalDay: DayStaging.Segment] = [:]
    private var current: (day: LocalDay, segment: DayStaging.Segment)?
    private(set) var rows = 0
    private(set) var rejected = 0

    init(id: String, staging: DayStaging, rejects: DayStaging) {
        self.id = id
        self.staging = staging
        self.rejects = rejects
    }

    var dataDays: Set<LocalDay> { Set(segments.keys) }
    var rejectDays: Set<LocalDay> { Set(rejectSegments.keys) }

    /// Writes a row without suspending; blocks for the deflate pool wait for `handOff()`.
    func stage(_ row: FlatRow, extras: [(String, String)], day: LocalDay) throws {
        let s = try segment(for: day)
        try s.stage(row, extras: extras)
        handOffs.note(s)
        rows += 1
    }

    /// `stage` for a row already encoded (``CellWriter``).
    /// - Returns: whether `handOff()` has work: the row filled a block or left a day's
    ///   segment parked (the caller need not ask after each row).
    func stage(lines: RowLines, day: LocalDay) throws -> Bool {
        let s = try segment(for: day)
        if try s.stage(lines: lines) { handOffs.note(s) }
        rows += 1
        return !handOffs.isEmpty
    }

    /// Writes a reject without suspending, as `stage`.
    func stageReject(_ row: FlatRow, day: LocalDay) throws {
        let s: DayStaging.Segment
        if let existing = rejectSegments[day] {
            s = existing
        } else {
            s = try rejects.openSegment(day: day, id: id)
            rejectSegments[day] = s
        }
        try s.stage(row, extras: [])
        handOffs.note(s)
        rejected += 1
    }

    /// Segments written or parked since the last hand-off.
    private var handOffs = BlockHandOffs<DayStaging.Segment>()

    func hasBlocksToHandOff() -> Bool { handOffs.pending() }

    /// Sends the blocks its segments hold to the deflate pool; suspends while it is full.
    func handOff() async throws { try await handOffs.handOff() }

    private func segment(for day: LocalDay) throws -> DayStaging.Segment {
        if let current, current.day == day { return current.segment }
        if let s = segments[day] {
            current = (day, s)
            return s
        }
        // Rows come day after day: the day left behind holds no buffer while the window's other
        // days are written (a 31-day window keeps every day's files open until it ends). Only on
        // the way to a new day, so rows that go back and forth between two days cost nothing.
        if let left = current?.segment {
            try left.stagePark()
            handOffs.note(left)
        }
        let s = try staging.openSegment(day: day, id: id)
        segments[day] = s
        current = (day, s)
        return s
    }

    func finish() async throws {
        try await handOff()
        for s in segments.values { try await s.finish() }
        for s in rejectSegments.values { try await s.finish() }
        current = nil
    }

    func discard() {
        handOffs.removeAll()
        for s in segments.values { s.discard() }
        for s in rejectSegments.values { s.discard() }
        segments = [:]
        rejectSegments = [:]
        current = nil
    }
}
