import Crypto

/// How a commit treats the day already landed.
package enum CommitMode: Sendable, Hashable {
    /// The staged day replaces the landed one whole.
    case replace
    /// The landed day's data files are kept (same names) and the new parts are numbered after
    /// them: for snapshot sources, where each run adds to the day.
    case appendToExisting
}

extension StagedDay {
    /// Lands the day: renames the finished segments' files, in `segmentOrder`, into one sequence
    /// `part-00000...` per format, writes `_manifest.json`, fsyncs, and swaps the staged folder
    /// with `root/dataset/dt=DAY` in one step (`renameat2(RENAME_EXCHANGE)` on Linux, two renames
    /// elsewhere). A day with no rows lands as a manifest alone. When the staged files are the
    /// same bytes as the landed day's (same names, formats and SHA-256), nothing is written and
    /// the landed manifest is returned as it is (its `runID` is then not this run's).
    ///
    /// - Parameters:
    ///   - segmentOrder: ids of every finished segment, in the order their rows should appear.
    ///   - windows: the source windows that make up the day, for the manifest.
    ///   - runID: the run landing the day.
    ///   - extra: more facts for the manifest's `extra` object.
    ///   - mode: replace the landed day, or add to it.
    /// - Throws: `FlatExportError`: `.invalidState` when an id is unknown, not finished, listed
    ///   twice, or a segment is still open or finished but unlisted (nothing changed: fix the
    ///   call or abandon); file errors naming the path (the landed day is left as it was or
    ///   wholly replaced, never mixed; abandon the staged day).
    @discardableResult
    package func commit(
        segmentOrder: [String],
        windows: [String],
        runID: String,
        extra: [String: String] = [:],
        mode: CommitMode = .replace
    ) throws -> DayManifest {
        let segments = try beginCommit(segmentOrder: segmentOrder)
        do {
            let current = mode == .replace ? try? store.landedManifest(partition: partition) : nil
            let manifest: DayManifest
            if let prepared = try prepareFiles(segments, windows: windows, runID: runID, extra: extra, mode: mode, current: current) {
                try store.swapIntoPlace(prepared)
                manifest = prepared.manifest
            } else {
                manifest = current!
            }
            registry.withLock { $0.phase = .committed }
            return manifest
        } catch {
            registry.withLock { $0.phase = .failed }
            throw error
        }
    }

    /// Takes the finished segments in `segmentOrder` and marks the day as committing, so no
    /// segment is added or committed twice meanwhile.
    private func beginCommit(segmentOrder: [String]) throws -> [FinishedSegment] {
        try registry.withLock { registry -> [FinishedSegment] in
            guard registry.phase == .open else { throw stateError("cannot commit: day is \(registry.phase)") }
            let ordered = try Self.orderedSegments(registry.segments, order: segmentOrder, error: stateError)
            registry.phase = .committing
            return ordered
        }
    }

    /// Makes the day ready for a `DayLanding` to publish, landing nothing: renames the finished
    /// segments' files, in `segmentOrder`, into `part-00000...` per format and writes
    /// `_manifest.json`, all in the staged folder, which then belongs to the caller.
    ///
    /// - Parameters:
    ///   - current: the landed day's manifest, if any: when the staged files are the same bytes,
    ///     there is nothing to publish.
    /// - Returns: the day to publish, or nil when it is unchanged (the staged folder is removed).
    /// - Throws: as `commit`.
    package func prepare(
        segmentOrder: [String], windows: [String], runID: String, extra: [String: String] = [:], current: DayManifest?
    ) throws -> PreparedDay? {
        let segments = try beginCommit(segmentOrder: segmentOrder)
        do {
            let prepared = try prepareFiles(segments, windows: windows, runID: runID, extra: extra, mode: .replace, current: current)
            registry.withLock { $0.phase = .committed }
            return prepared
        } catch {
            registry.withLock { $0.phase = .failed }
            throw error
        }
    }

    private static func orderedSegments(
        _ segments: [String: DayRegistry.Segment], order: [String], error: (String) -> FlatExportError
    ) throws -> [FinishedSegment] {
        guard Set(order).count == order.count else { throw error("segment order lists an id twice: \(order)") }
        var ordered: [FinishedSegment] = []
        for id in order {
            guard case .finished(let segment)? = segments[id] else {
                throw error("segment \(id) in the commit order is not a finished segment of this day")
            }
            ordered.append(segment)
        }
        let listed = Set(order)
        for (id, segment) in segments where !listed.contains(id) {
            switch segment {
            case .open: throw error("segment \(id) is still open; finish or discard it before commit")
            case .finished: throw error("segment \(id) is finished but not in the commit order; list or discard it")
            case .discarded: continue
            }
        }
        return ordered
    }

    private func prepareFiles(
        _ segments: [FinishedSegment], windows: [String], runID: String, extra: [String: String], mode: CommitMode,
        current: DayManifest?
    ) throws -> PreparedDay? {
        let configuration = store.configuration
        let landed = store.landedPath(partition: partition)
        var files: [DayManifest.File] = []
        var rows = segments.reduce(0) { $0 + $1.rows }
        var allWindows = windows
        var firstPart = 0

        if mode == .appendToExisting, FileSystem.kind(landed) == .directory {
            let kept = try linkLandedFiles(from: landed)
            files = kept.files
            firstPart = kept.nextPart
            rows += kept.rows
            allWindows = kept.windows + windows.filter { !kept.windows.contains($0) }
        }

        for format in configuration.formats {
            let fileExtension = format.fileExtension(compression: configuration.compression)
            var part = firstPart
            for segment in segments {
                for file in segment.files where file.format == format {
                    let name = PartName.make(part, fileExtension: fileExtension)
                    try FileSystem.rename(stagedPath + "/" + file.name, to: stagedPath + "/" + name)
                    files.append(DayManifest.File(
                        path: name, format: format, compression: configuration.compression,
                        rows: file.rows, bytes: file.bytes, sha256: file.sha256))
                    part += 1
                }
            }
        }

        // Whatever is not a listed file (a dropped writer's leftovers) must not land.
        let keep = Set(files.map(\.path))
        for name in try FileSystem.entries(stagedPath) where !keep.contains(name) {
            try FileSystem.removeTree(stagedPath + "/" + name)
        }

        // The same files as the landed day (gzip output is deterministic): leave the day and its
        // manifest untouched, so a lookback re-run rewrites nothing that did not change.
        if mode == .replace, let current, Self.sameContent(current.files, files) {
            try FileSystem.removeTree(stagedPath)
            return nil
        }

        let manifest = DayManifest(
            dataset: configuration.dataset,
            partition: store.partitionFolder(partition),
            rows: rows,
            bytes: files.reduce(0) { $0 + $1.bytes },
            files: files,
            windows: allWindows,
            runID: runID,
            writtenAt: UTCTimestamp.iso8601(),
            extra: extra
        )
        let encoded: [UInt8]
        do {
            encoded = try manifest.encoded()
        } catch {
            throw FlatExportError(code: .invalidArgument, message: "cannot encode the manifest", path: stagedPath, cause: error)
        }
        try FileSystem.writeDurably(encoded, to: stagedPath + "/" + DayManifest.fileName)
        try FileSystem.syncDirectory(stagedPath)
        return PreparedDay(partition: partition, folder: stagedPath, manifest: manifest)
    }

    /// The same files in the same order. Names are left out: a bucket's landing gives each
    /// generation's files names of their own, and the bytes are what matters.
    static func sameContent(_ a: [DayManifest.File], _ b: [DayManifest.File]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.format == $1.format && $0.sha256 == $1.sha256 }
    }

    private struct KeptFiles {
        var files: [DayManifest.File] = []
        var rows = 0
        var nextPart = 0
        var windows: [String] = []
    }

    /// Hard-links the landed day's data files into the staged folder under the same names.
    private func linkLandedFiles(from landed: String) throws -> KeptFiles {
        let manifestPath = landed + "/" + DayManifest.fileName
        let old = FileSystem.kind(manifestPath) == .missing ? nil : try DayManifest.load(from: manifestPath)
        let known = Dictionary(old?.files.map { ($0.path, $0) } ?? [], uniquingKeysWith: { first, _ in first })
        var kept = KeptFiles(windows: old?.windows ?? [])
        for name in try FileSystem.entries(landed) where !name.hasPrefix("_") && !name.hasPrefix(".") {
            let source = landed + "/" + name
            guard FileSystem.kind(source) == .file, let (format, compression) = PartName.kind(of: name) else { continue }
            try FileSystem.link(source, to: stagedPath + "/" + name)
            // Files this store did not write have no row count; their bytes and hash are measured.
            let file = try known[name] ?? DayManifest.File(
                path: name, format: format, compression: compression, rows: 0,
                bytes: FileSystem.size(source), sha256: Self.sha256(of: source))
            kept.files.append(file)
            if let number = PartName.number(of: name) { kept.nextPart = max(kept.nextPart, number + 1) }
        }
        kept.rows = old?.rows ?? 0
        return kept
    }

    private static func sha256(of path: String) throws -> String {
        let file = try POSIXFile.openForReading(path)
        var hasher = SHA256()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try file.read(into: $0) }
            if count == 0 { break }
            chunk.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        try file.close()
        return Hex.string(hasher.finalize())
    }
}

/// `part-00000.ndjson.gz` names: made, parsed and recognised.
enum PartName {
    static func make(_ number: Int, fileExtension: String) -> String {
        let digits = String(number)
        return "part-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + "." + fileExtension
    }

    /// The number of a `part-NNNNN.*` name.
    static func number(of name: String) -> Int? {
        guard name.hasPrefix("part-") else { return nil }
        let digits = name.dropFirst(5).prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : Int(digits)
    }

    /// The format and compression a data file's name says it has.
    static func kind(of name: String) -> (FlatFormat, FlatCompression)? {
        for format in FlatFormat.allCases {
            for compression in FlatCompression.allCases
            where name.hasSuffix("." + format.fileExtension(compression: compression)) {
                return (format, compression)
            }
        }
        return nil
    }
}
