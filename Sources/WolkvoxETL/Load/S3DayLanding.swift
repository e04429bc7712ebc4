import FlatExport
import Foundation
import ObjectStorage

/// Lands days into a bucket, `PREFIX/DATASET/dt=DAY/`, as the file-system store lands them into
/// folders, within what object storage allows: it has no rename, so the day's new files are
/// uploaded under names of their own (`part-00000-GEN.ndjson.gz`), then its `_manifest.json`
/// is replaced in one PUT, then the day's older files are deleted. A reader that follows the
/// manifest never sees a mix; one that globs during those seconds may see both generations,
/// never a partial object (uploads appear whole).
struct S3DayLanding: DayLanding {
    let client: S3Client
    let bucket: String
    /// `PREFIX/DATASET/`.
    let datasetPrefix: String
    let partitionKey = "dt"
    /// The run's hold on the pipeline: the switch and the deletions wait for none, but refuse
    /// once it is lost.
    let lease: S3PipelineLease?

    init(client: S3Client, bucket: String, prefix: String, dataset: String, lease: S3PipelineLease? = nil) {
        self.client = client
        self.bucket = bucket
        datasetPrefix = prefix + dataset + "/"
        self.lease = lease
    }

    func dayPrefix(_ partition: String) -> String { "\(datasetPrefix)\(partitionKey)=\(partition)/" }

    func landedManifest(partition: String) async throws -> DayManifest? {
        let key = dayPrefix(partition) + DayManifest.fileName
        guard let bytes = try await client.getObject(bucket: bucket, key: key, maxBytes: 16 << 20) else { return nil }
        do {
            return try JSONDecoder().decode(DayManifest.self, from: Data(bytes))
        } catch {
            throw ETLError(.io, "cannot decode the day manifest s3://\(bucket)/\(key) (\(error)); delete it to re-land the day")
        }
    }

    func publish(_ day: PreparedDay) async throws {
        let prefix = dayPrefix(day.partition)
        let generation = Self.generation()
        var manifest = day.manifest
        for index in manifest.files.indices {
            let local = day.folder + "/" + manifest.files[index].path
            let name = Self.name(manifest.files[index].path, generation: generation)
            try await client.upload(
                bucket: bucket, key: prefix + name, contentType: "application/octet-stream", from: FileChunks(path: local))
            manifest.files[index].path = name
        }
        // The switch: readers that follow the manifest now see the new files only.
        try await lease?.checkHeld()
        try await client.putObject(
            bucket: bucket, key: prefix + DayManifest.fileName, bytes: try manifest.encoded(), contentType: "application/json")
        let keep = Set(manifest.files.map { prefix + $0.path } + [prefix + DayManifest.fileName])
        for object in try await client.listAllObjects(bucket: bucket, prefix: prefix) where !keep.contains(object.key) {
            try await client.deleteObject(bucket: bucket, key: object.key)
        }
        try? FileManager.default.removeItem(atPath: day.folder)
    }

    @discardableResult
    func removeLandedDay(partition: String) async throws -> Bool {
        let prefix = dayPrefix(partition)
        let objects = try await client.listAllObjects(bucket: bucket, prefix: prefix)
        guard !objects.isEmpty else { return false }
        try await lease?.checkHeld()
        // The manifest first: a reader that follows it sees no day rather than half of one.
        try await client.deleteObject(bucket: bucket, key: prefix + DayManifest.fileName)
        for object in objects where object.key != prefix + DayManifest.fileName {
            try await client.deleteObject(bucket: bucket, key: object.key)
        }
        return true
    }

    /// `part-00000.ndjson.gz` becomes `part-00000-GEN.ndjson.gz`: still a data file to every
    /// glob, never the name of an earlier generation's file.
    static func name(_ path: String, generation: String) -> String {
        guard let dot = path.firstIndex(of: ".") else { return path + "-" + generation }
        return path[..<dot] + "-" + generation + path[dot...]
    }

    static func generation() -> String {
        String(UInt64.random(in: 0 ... .max), radix: 16).leftPadded(to: 16)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
