/// Writes one format of one segment, starting a new file every `maxRows` rows.
final class RollingPartWriter {
    private enum Encoding {
        case ndjson(NDJSONRowEncoder)
        case csv(CSVRowEncoder)
    }

    let format: FlatFormat
    private let encoding: Encoding
    private let directory: String
    private let baseName: String
    private let fileExtension: String
    private let compression: FlatCompression
    private let gzipLevel: Int
    private let gzipEngine: GzipEngine
    private let maxRows: Int

    private var sink: FileSink?
    private var rowsInFile = 0
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
        switch format {
        case .ndjson: self.encoding = .ndjson(NDJSONRowEncoder(schema: schema))
        case .csv: self.encoding = .csv(CSVRowEncoder(schema: schema))
        }
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
        let sink: FileSink
        if let open = self.sink { sink = open } else { sink = try await openNextFile() }
        scratch.removeAll()
        switch encoding {
        case .ndjson(let encoder): encoder.encode(row, extras: extras, into: &scratch)
        case .csv(let encoder): encoder.encode(row, into: &scratch)
        }
        try await sink.write(scratch.bytes)
        scratch.trim(to: Self.scratchLimit)
        rowsInFile += 1
        if rowsInFile >= maxRows { try await closeFile() }
    }

    /// Lets go of the open file's buffers until the next row.
    func park() async throws {
        try await sink?.park()
        releaseScratch()
    }

    /// Closes the open file, if any, and returns every file of the segment in order.
    func finish() async throws -> [SegmentFile] {
        if sink != nil { try await closeFile() }
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
        sink?.abandon()
        sink = nil
        releaseScratch()
    }

    private func openNextFile() async throws -> FileSink {
        let name = "\(baseName)-\(files.count).\(fileExtension)"
        let path = directory + "/" + name
        createdPaths.append(path)
        let sink = try FileSink(path: path, compression: compression, gzipLevel: gzipLevel, engine: gzipEngine)
        if case .csv(let encoder) = encoding {
            scratch.removeAll()
            encoder.encodeHeader(into: &scratch)
            try await sink.write(scratch.bytes)
        }
        self.sink = sink
        rowsInFile = 0
        return sink
    }

    private func closeFile() async throws {
        guard let sink else { return }
        self.sink = nil
        let summary = try await sink.finish()
        let name = String(summary.path.dropFirst(directory.count + 1))
        files.append(SegmentFile(name: name, format: format, rows: rowsInFile, bytes: summary.bytes, sha256: summary.sha256))
        rowsInFile = 0
    }
}
