import FlatExport
import Foundation
import Logging
import ObjectStorage

/// Where a run lands, chosen from `load.root`: a folder (days swapped in by rename, records as
/// files) or a bucket (days uploaded then switched by their manifest, records as objects, days
/// staged in a private local folder).
struct LandingStorage: Sendable {
    /// The local root: the landing folder itself, or the bucket run's private staging folder.
    let root: URL
    let records: any RunRecords
    /// The run's lock on the pipeline (a folder root only).
    let lock: PipelineLock?
    private let bucket: Bucket?

    private struct Bucket: Sendable {
        let client: S3Client
        let name: String
        let prefix: String
        let lease: S3PipelineLease
        let uploads = UploadSlots(limit: 4)
    }

    /// Where a dataset's days land: nil for the folder root (its own `DayPartitionStore`).
    func landing(dataset: String) -> (any DayLanding)? {
        bucket.map { S3DayLanding(
            client: $0.client, bucket: $0.name, prefix: $0.prefix, dataset: dataset, lease: $0.lease, uploads: $0.uploads)
        }
    }

    var isBucket: Bool { bucket != nil }

    /// Opens the landing. For a bucket, first checks (one listing) that the bucket exists and the
    /// credentials may use it, so a wrong setting ends the run before any Wolkvox call; then
    /// takes the pipeline's lease (failing at once when another run holds it); then, holding it,
    /// aborts the multipart uploads a killed run of this pipeline left under its datasets.
    /// - Parameter leaseTTL: how long a bucket run's lease outlives its last renewal (how long
    ///   a killed run keeps the pipeline from the next).
    /// - Throws: `ETLError`: `.auth` for refused credentials, `.pipeline` for a missing bucket or
    ///   bad endpoint, `.io` when the server cannot be reached, `.state` when another run holds
    ///   the pipeline.
    static func open(
        pipeline: Pipeline, runID: String, credentials: S3Credentials?, leaseTTL: Duration = .seconds(60), logger: Logger
    ) async throws -> LandingStorage {
        switch pipeline.load.target {
        case .directory(let path):
            let root = URL(fileURLWithPath: path, isDirectory: true)
            let lock = try PipelineLock(root: root, pipelineName: pipeline.name)
            return LandingStorage(root: root, records: FileRunRecords(root: root, pipelineName: pipeline.name), lock: lock, bucket: nil)
        case .bucket(let name, let prefix):
            // A snapshot without dates replaces its day like a range does; one with its own times adds to it.
            guard pipeline.report.takesRange || pipeline.report.dayOf == .runDay else {
                throw ETLError(.pipeline, "\(pipeline.report.name) is a snapshot report, added to its day on each poll; land it in a folder, not s3://")
            }
            let client = try client(pipeline: pipeline, bucket: name, credentials: credentials, logger: logger)
            let lease = S3PipelineLease(
                client: client, bucket: name, prefix: prefix, pipelineName: pipeline.name, runID: runID, ttl: leaseTTL, logger: logger)
            do {
                try await client.checkAccess(bucket: name, prefix: prefix)
                try await lease.acquire()
            } catch {
                await client.shutdown()
                throw Self.landingError(error, bucket: name, prefix: prefix)
            }
            do {
                // Only this pipeline's datasets: another pipeline sharing the prefix may be uploading.
                for dataset in [pipeline.report.name, "_wolkvox/rejects/\(pipeline.report.name)"] {
                    for upload in try await client.listMultipartUploads(bucket: name, prefix: "\(prefix)\(dataset)/") {
                        logger.info("aborting an upload an earlier run left: s3://\(name)/\(upload.key)")
                        try await client.abortMultipartUpload(bucket: name, key: upload.key, uploadID: upload.uploadID)
                    }
                }
            } catch {
                await lease.release()
                await client.shutdown()
                throw Self.landingError(error, bucket: name, prefix: prefix)
            }
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("wolkvox-etl-\(runID)", isDirectory: true)
            return LandingStorage(
                root: root, records: S3RunRecords(client: client, bucket: name, prefix: prefix, pipelineName: pipeline.name, lease: lease),
                lock: nil, bucket: Bucket(client: client, name: name, prefix: prefix, lease: lease))
        }
    }

    /// A client with connections of its own for the pipeline's bucket; end with `shutdown()`.
    /// - Throws: `ETLError`: `.auth` without credentials, `.pipeline` for a bad endpoint.
    static func client(pipeline: Pipeline, bucket: String, credentials: S3Credentials?, logger: Logger) throws -> S3Client {
        let settings = pipeline.load.s3 ?? Pipeline.S3Settings()
        guard let credentials else {
            throw ETLError(.auth, "no S3 credentials for s3://\(bucket): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or a profile in ~/.aws/credentials)")
        }
        let endpoint: S3Endpoint
        do {
            endpoint = try S3Endpoint(url: settings.endpoint, region: settings.region, pathStyle: settings.pathStyle)
        } catch {
            throw ETLError(.pipeline, "load.s3.endpoint: \(error)")
        }
        return S3Client.owningConnections(endpoint: endpoint, credentials: credentials, logger: logger)
    }

    static func landingError(_ error: any Error, bucket: String, prefix: String) -> any Error {
        guard let error = error as? S3Error else { return error }
        let code: ETLError.Code = error.code.isAuthentication ? .auth : error.code == .noSuchBucket ? .pipeline : .io
        return ETLError(code, "load.root s3://\(bucket)/\(prefix): \(error.message)")
    }

    /// Runs `body` while this run holds the pipeline. On a bucket the lease is renewed beside
    /// it; when the lease is lost, `body` is cancelled (its writes already refuse) and the run
    /// ends with the lease's error.
    func holding<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let lease = bucket?.lease else { return try await body() }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                // Cancelled with the run (a signal): the run still lands its whole days, within
                // the lifetime the last renewal left, and ends on its own.
                do { try await lease.keepRenewed() } catch is CancellationError {}
                return nil
            }
            do {
                while let outcome = try await group.next() {
                    if let value = outcome {
                        group.cancelAll()
                        return value
                    }
                }
            } catch {
                group.cancelAll()
                if let lost = await lease.lost { throw lost }
                throw error
            }
            throw CancellationError()
        }
    }

    /// Removes the bucket run's private staging, gives the pipeline's lease back and closes its
    /// connections.
    func close() async {
        guard let bucket else { return }
        try? FileManager.default.removeItem(at: root)
        // In a task of its own: a run stopped by a signal is cancelled, and its requests with it.
        await Task { await bucket.lease.release() }.value
        await bucket.client.shutdown()
    }
}
