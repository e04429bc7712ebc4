import FlatExport
import Foundation
import Synchronization
import WolkvoxAPI

/// The run's side of a `DayPartitionStore`: opens each day's staging lazily, hands out segments
/// to the window tasks, and lands or abandons days.
///
/// Shared by the window tasks (two may write pieces of the same day at once), hence the lock.
final class DayStaging: Sendable {
    typealias Segment = SegmentWriter

    enum Mode: Sendable {
        /// The landed day is replaced whole by the staged one.
        case replace
        /// The staged files are added to the landed day (snapshots of a real-time report).
        case appendToExisting
    }

    let store: DayPartitionStore
    let runID: String
    private let days = Mutex<[LocalDay: StagedDay]>([:])

    init(root: URL, dataset: String, stagingRoot: URL, schema: FlatSchema, load: Pipeline.Load,
         gzipEngine: GzipEngine, runID: String) throws {
        store = try DayPartitionStore(
            .init(
                root: root.path, dataset: dataset, schema: schema, stagingRoot: stagingRoot.path,
                formats: load.formats.map { FlatFormat(rawValue: $0.rawValue)! },
                compression: FlatCompression(rawValue: load.compression.rawValue)!, gzipLevel: load.gzipLevel,
                maxRecordsPerFile: load.maxRecordsPerFile, gzipEngine: gzipEngine))
        self.runID = runID
    }

    private func stagedDay(_ day: LocalDay) throws -> StagedDay {
        try days.withLock { days in
            if let staged = days[day] { return staged }
            let staged = try store.openDay(partition: day.description, runID: runID)
            days[day] = staged
            return staged
        }
    }

    func openSegment(day: LocalDay, id: String) throws -> Segment {
        try stagedDay(day).openSegment(id: id)
    }

    private func take(_ day: LocalDay) -> StagedDay? {
        days.withLock { $0.removeValue(forKey: day) }
    }

    /// Lands a day: its segments in the given order. A day no window wrote rows for lands empty.
    func commit(day: LocalDay, segmentIDs: [String], windows: [String], mode: Mode) throws -> DayManifest {
        let staged = try take(day) ?? store.openDay(partition: day.description, runID: runID)
        do {
            return try staged.commit(
                segmentOrder: segmentIDs, windows: windows, runID: runID, extra: [:],
                mode: mode == .replace ? .replace : .appendToExisting)
        } catch {
            staged.abandon()
            throw error
        }
    }

    /// Lands the day's rejects when there are any; when there are none, removes rejects an earlier
    /// run left for the day, which this run's data replaced. Returns the number of rejects.
    func commitIfAny(day: LocalDay, segmentIDs: [String], windows: [String], mode: Mode) throws -> Int {
        if let staged = take(day) {
            let manifest = try staged.commit(
                segmentOrder: segmentIDs, windows: windows, runID: runID, extra: [:],
                mode: mode == .replace ? .replace : .appendToExisting)
            return manifest.rows
        }
        // Moved into staging before removal, so a reader sees the old rejects or none, never half.
        if mode == .replace { _ = try store.removeLandedDay(partition: day.description) }
        return 0
    }
}

extension DayManifest {
    var fileDigests: [String] { files.map(\.sha256) }
}
