import Synchronization

/// One day being written in staging: segments come in (one per source window), then the day is
/// committed (landed atomically) or abandoned (removed).
///
/// Thread-safe: segment bookkeeping sits behind a lock, so writers of the same day may live in
/// different tasks (e.g. two windows fetched at once). Each `SegmentWriter` itself belongs to
/// one task at a time.
package final class StagedDay: Sendable {
    /// The day, e.g. `2025-01-05`.
    package let partition: String
    /// The run that opened the day.
    package let runID: String
    /// The staging folder; after `commit` it no longer exists.
    package let stagedPath: String
    let store: DayPartitionStore
    let registry = Mutex(DayRegistry())

    init(store: DayPartitionStore, partition: String, runID: String, stagedPath: String) {
        self.store = store
        self.partition = partition
        self.runID = runID
        self.stagedPath = stagedPath
    }

    /// Starts a segment: the rows of one source window for this day.
    ///
    /// Its files stay apart from other segments' until `commit` orders them. An id may be opened
    /// again once its earlier segment was discarded (a window split into smaller ones).
    /// - Throws: `FlatExportError` (`.invalidState`) when the id is in use or the day is no longer open.
    package func openSegment(id: String) throws -> sending SegmentWriter {
        let number = try registry.withLock { registry -> Int in
            guard registry.phase == .open else { throw stateError("cannot open segment \(id): day is \(registry.phase)") }
            switch registry.segments[id] {
            case .open?, .finished?:
                throw stateError("segment id \(id) is already in use; discard it before opening it again")
            case .discarded?, nil:
                break
            }
            let number = registry.nextNumber
            registry.nextNumber += 1
            registry.segments[id] = .open(number: number)
            return number
        }
        return SegmentWriter(id: id, number: number, day: self)
    }

    /// Removes the staging folder: the day never lands, and the landed day (if any) is untouched.
    /// Open writers of this day fail on their next file.
    package func abandon() {
        let removable = registry.withLock { registry -> Bool in
            guard registry.phase != .committed else { return false }
            registry.phase = .abandoned
            return true
        }
        // A leftover (e.g. busy file system) is removed by the next `cleanStaging()`.
        if removable { try? FileSystem.removeTree(stagedPath) }
    }

    func segmentFinished(id: String, number: Int, rows: Int, files: [SegmentFile]) throws {
        try registry.withLock { registry in
            guard registry.phase == .open else { throw stateError("cannot finish segment \(id): day is \(registry.phase)") }
            guard case .open(number)? = registry.segments[id] else {
                throw stateError("segment \(id) is not open")
            }
            registry.segments[id] = .finished(FinishedSegment(id: id, number: number, rows: rows, files: files))
        }
    }

    func segmentDiscarded(id: String, number: Int) {
        registry.withLock { registry in
            switch registry.segments[id] {
            case .open(number)?: registry.segments[id] = .discarded
            case .finished(let segment)? where segment.number == number: registry.segments[id] = .discarded
            default: break  // an older writer with the same id: the current one is not ours to drop
            }
        }
    }

    func stateError(_ message: String) -> FlatExportError {
        FlatExportError(code: .invalidState, message: "\(message) (\(store.partitionFolder(partition)))", path: stagedPath)
    }
}

/// What a staged day knows of its segments.
struct DayRegistry: Sendable {
    enum Phase: Sendable, CustomStringConvertible {
        case open, committing, committed, abandoned, failed
        var description: String {
            switch self {
            case .open: "open"
            case .committing: "being committed"
            case .committed: "committed"
            case .abandoned: "abandoned"
            case .failed: "failed to commit (abandon it)"
            }
        }
    }

    enum Segment: Sendable {
        case open(number: Int)
        case finished(FinishedSegment)
        case discarded
    }

    var phase = Phase.open
    var nextNumber = 0
    var segments: [String: Segment] = [:]
}

/// A data file of a finished segment, still under its staging name.
struct SegmentFile: Sendable, Hashable {
    var name: String
    var format: FlatFormat
    var rows: Int
    var bytes: Int
    var sha256: String
}

struct FinishedSegment: Sendable {
    var id: String
    var number: Int
    var rows: Int
    var files: [SegmentFile]
}
