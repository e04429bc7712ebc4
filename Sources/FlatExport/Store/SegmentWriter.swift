/// What a finished segment wrote.
package struct SegmentSummary: Sendable, Hashable {
    /// The segment's id, as given to `openSegment`.
    package var id: String
    /// Rows appended (each counted once, whatever the number of formats).
    package var rows: Int
    /// Bytes on disk over all its files.
    package var bytes: Int
    /// Data files written (all formats).
    package var files: Int
}

/// Writes one segment of a staged day: every appended row goes to each configured format, rolled
/// into files of at most `maxRecordsPerFile` rows.
///
/// Memory stays bounded whatever the row count: per format, one encoded row, one 64 KB input and
/// one 64 KB output chunk, and the zlib state (about 256 KB).
///
/// Writers suspend (never block) in `append`, `park`, `handOff` and `finish` while gzip
/// compression is behind. A writer with many rows to write stages them (`stage`, no suspension,
/// no task switch per row) and hands the blocks they filled to the pool after each record.
///
/// - Important: not thread-safe; use it from one task at a time. Call `finish()` or `discard()`;
///   a writer dropped without either is discarded (its files removed).
package final class SegmentWriter {
    /// The id given to `openSegment`.
    package let id: String
    /// Rows appended so far.
    package private(set) var rows = 0

    private enum State { case open, failed, finished, discarded }

    private let number: Int
    private let day: StagedDay
    private let parts: [RollingPartWriter]
    private var state = State.open

    init(id: String, number: Int, day: StagedDay) {
        self.id = id
        self.number = number
        self.day = day
        let configuration = day.store.configuration
        let baseName = "_seg\(number)"
        self.parts = configuration.formats.map { format in
            RollingPartWriter(
                format: format,
                schema: configuration.schema,
                directory: day.stagedPath,
                baseName: baseName,
                compression: configuration.compression,
                gzipLevel: configuration.gzipLevel,
                gzipEngine: configuration.gzipEngine,
                maxRows: configuration.maxRecordsPerFile
            )
        }
    }

    deinit {
        if state == .open || state == .failed { discard() }
    }

    /// Appends one row to every format.
    /// - Parameters:
    ///   - row: values aligned with the store's schema.
    ///   - extras: `(name, text)` pairs written after the schema's keys in NDJSON; CSV, having a
    ///     fixed header, leaves them out.
    /// - Throws: `FlatExportError` (disk full, I/O error...); the segment is then unusable:
    ///   discard it.
    package func append(_ row: FlatRow, extras: [(String, String)] = []) async throws {
        try stage(row, extras: extras)
        try await handOff()
    }

    /// Appends one row to every format without suspending: blocks for the deflate pool wait in
    /// the writer until `handOff()`, which the caller owes after each record (at most a row's
    /// worth waits). The files' bytes are the same as `append`'s.
    /// - Throws: as `append`.
    package func stage(_ row: FlatRow, extras: [(String, String)] = []) throws {
        guard state == .open else { throw day.stateError("cannot append to segment \(id): it is \(state)") }
        do {
            for part in parts { try part.stage(row, extras: extras) }
        } catch {
            state = .failed
            throw error
        }
        rows += 1
    }

    /// `stage` for a row already encoded in every format of the store (``CellWriter``).
    /// - Returns: whether `handOff()` has work (``hasReadyBlocks``), so that a writer need not
    ///   ask after each row.
    /// - Throws: as `append`.
    @discardableResult
    package func stage(lines: RowLines) throws -> Bool {
        guard state == .open else { throw day.stateError("cannot append to segment \(id): it is \(state)") }
        var ready = false
        do {
            for index in parts.indices where try parts[index].stage(line: lines.line(for: parts[index].format)) {
                ready = true
            }
        } catch {
            state = .failed
            throw error
        }
        rows += 1
        return ready
    }

    /// Whether `handOff()` has work.
    package var hasReadyBlocks: Bool { parts.contains { $0.hasReadyBlocks } }

    /// Sends what `stage` and `stagePark` left to the deflate pool; suspends while it is full.
    /// - Throws: as `append`.
    package func handOff() async throws {
        guard state == .open else { return }
        do {
            for part in parts { try await part.handOff() }
        } catch {
            state = .failed
            throw error
        }
    }

    /// Lets go of the files' buffers until the next row: for a writer that keeps many segments
    /// open and has moved on to another. Compression is a little worse if rows come back.
    /// - Throws: `FlatExportError`, as `append`; the segment is then unusable: discard it.
    package func park() async throws {
        try stagePark()
        try await handOff()
    }

    /// `park()` without suspending: the part-filled blocks wait for `handOff()`.
    package func stagePark() throws {
        guard state == .open else { return }
        do {
            for part in parts { try part.stagePark() }
        } catch {
            state = .failed
            throw error
        }
    }

    /// Closes the segment's files (fsynced) and hands them to the day for `commit`.
    @discardableResult
    package func finish() async throws -> SegmentSummary {
        guard state == .open else { throw day.stateError("cannot finish segment \(id): it is \(state)") }
        var files: [SegmentFile] = []
        do {
            for part in parts { files += try await part.finish() }
            try day.segmentFinished(id: id, number: number, rows: rows, files: files)
        } catch {
            state = .failed
            throw error
        }
        state = .finished
        return SegmentSummary(id: id, rows: rows, bytes: files.reduce(0) { $0 + $1.bytes }, files: files.count)
    }

    /// Removes the segment's files; the day will not include it. Allowed before or after `finish()`
    /// (e.g. a window that hit the source's record cap and is asked again in smaller pieces).
    package func discard() {
        guard state != .discarded else { return }
        for part in parts {
            part.abandon()
            for path in part.createdPaths { try? FileSystem.removeTree(path) }
        }
        day.segmentDiscarded(id: id, number: number)
        state = .discarded
    }
}
