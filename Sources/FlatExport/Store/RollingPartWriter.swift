/// Writes one format of one segment, starting a new file every `maxRows` rows.
final class RollingPartWriter {
    let format: FlatFormat
    /// Both, used by `format`: plain stored values are borrowed for each row, where an enum's
    /// payload or an optional's would be copied (retaining the encoder's arrays) every time.
    private let ndjson: NDJSONRowEncoder
    private let csv: CSVRowEncoder
    private let directory: String
    private let baseName: String
    private let fileExtension: String
    private let compression: FlatCompression
    private let gzipLevel: Int
    private let gzipEngine: GzipEngine
    private let maxRows: Int

    private var sink: FileSink?
    private var rowsInFile = 0
    /// Files that reached `maxRows` in `stage`, finished by the next `handOff()` (more than one
    /// only when one record explodes into more rows than a file holds).
    private var rolled: [(sink: FileSink, rows: Int)] = []
    private var scratch = ByteBuilder(capacity: 4096)
    private(set) var files: [SegmentFile] = []
    /// Every file created, finished or not, so a discard can remove them.
    private(set) var createdPaths: [String] = []

    /// An unusually large row leaves a large scratch buffer behind; past this it is released.
    private static let scratchLimit = 1 << 20

    init(
        format: FlatFormat, schema: FlatSchema, directory: String, baseName: String,
        compression: FlatCompression, gzipLevel: Int, gzipEngine: GzipEngine, maxRows: Int
    ) {
        self.format = format
        ndjson = NDJSONRowEncoder(schema: schema)
        csv = CSVRowEncoder(schema: schema)
        self.directory = directory
        self.baseName = baseName
        self.fileExtension = format.fileExtension(compression: compression)
        self.compression = compression
        self.gzipLevel = gzipLevel
        self.gzipEngine = gzipEngine
        self.maxRows = maxRows
    }

    deinit { scratch.release() }

    func append(_ row: FlatRow, extras: [(String, String)]) async throws {
        try stage(row, extras: extras)
        try await handOff()
    }

    /// Appends a row without suspending; what needs the deflate pool or a file's end waits for
    /// `handOff()` (a full block, a file rolled over at `maxRows`).
    func stage(_ row: FlatRow, extras: [(String, String)]) throws {
        let sink: FileSink
        if let open = self.sink { sink = open } else { sink = try openNextFile() }
        scratch.removeAll()
        if format == .ndjson {
            ndjson.encode(row, extras: extras, into: &scratch)
        } else {
            csv.encode(row, into: &scratch)
        }
        try sink.stage(scratch.bytes)
        scratch.trim(to: Self.scratchLimit)
        countRow()
    }

    /// `stage` for a row already encoded (``CellWriter``): its line in this writer's format.
    /// - Returns: whether `handOff()` has work (``hasReadyBlocks``).
    func stage(line: UnsafeRawBufferPointer) throws -> Bool {
        let sink: FileSink
        if let open = self.sink { sink = open } else { sink = try openNextFile() }
        let ready = try sink.stage(line)
        countRow()
        return ready || !rolled.isEmpty
    }

    /// Counts a staged row; the file that reached `maxRows` is finished at the next hand-off.
    private func countRow() {
        rowsInFile += 1
        if rowsInFile >= maxRows, let sink {
            rolled.append((sink, rowsInFile))
            self.sink = nil
            rowsInFile = 0
        }
    }

    /// Whether `handOff()` has work: blocks for the pool or a rolled file to finish.
    var hasReadyBlocks: Bool { !rolled.isEmpty || (sink?.hasReadyBlocks ?? false) }

    /// Finishes a file rolled over by `stage` (before any later file, so `files` keeps their
    /// order) and sends ready blocks to the deflate pool.
    func handOff() async throws {
        while !rolled.isEmpty {
            let file = rolled.removeFirst()
            try await finishFile(file.sink, rows: file.rows)
        }
        try await sink?.handOff()
    }

    /// Lets go of the open file's buffers until the next row.
    func park() async throws {
        try stagePark()
        try await handOff()
    }

    /// `park()` without suspending: the part-filled block waits for `handOff()`.
    func stagePark() throws {
        try sink?.stagePark()
        releaseScratch()
    }

    /// Closes the open file, if any, and returns every file of the segment in order.
    func finish() async throws -> [SegmentFile] {
        try await handOff()
        if let sink {
            self.sink = nil
            try await finishFile(sink, rows: rowsInFile)
            rowsInFile = 0
        }
        releaseScratch()
        return files
    }

    /// A finished segment may wait a long time for its day's commit: it keeps no buffer.
    private func releaseScratch() {
        scratch.removeAll()
        scratch.trim(to: 64)
    }

    /// Closes the open file without finishing it.
    func abandon() {
        for file in rolled { file.sink.abandon() }
        rolled = []
        sink?.abandon()
        sink = nil
        releaseScratch()
    }

    private func openNextFile() throws -> FileSink {
        let name = "\(baseName)-\(files.count + rolled.count).\(fileExtension)"
        let path = directory + "/" + name
        createdPaths.append(path)
        let sink = try FileSink(path: path, compression: compression, gzipLevel: gzipLevel, engine: gzipEngine)
        if format == .csv {
            scratch.removeAll()
            csv.encodeHeader(into: &scratch)
            try sink.stage(scratch.bytes)
        }
        self.sink = sink
        rowsInFile = 0
        return sink
    }

    private func finishFile(_ sink: FileSink, rows: Int) async throws {
        let summary = try await sink.finish()
        let name = String(summary.path.dropFirst(directory.count + 1))
        files.append(SegmentFile(name: name, format: format, rows: rows, bytes: summary.bytes, sha256: summary.sha256))
    }
}
