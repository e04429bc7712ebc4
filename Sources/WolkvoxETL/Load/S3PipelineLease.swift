import Foundation
import Logging
import ObjectStorage

/// One run of a pipeline at a time on a bucket, as `PipelineLock` on a folder: a lease object,
/// `PREFIX/_wolkvox/state/NAME.lease`, written by the run that holds the pipeline and rewritten
/// every third of its lifetime while the run lives. The decisions are `LeaseVerdict` and
/// `LeaseRenewal`; this type makes the requests.
///
/// Every write is conditional: the first lease is created with `If-None-Match: *`, an expired
/// one is taken over and a held one renewed with `If-Match` on the ETag last seen, so of two
/// runs racing for it the server lets exactly one win (Ceph 16, MinIO and AWS S3 honour both).
/// After taking it the run reads it back, and each renewal first reads it again.
///
/// The residual races, honestly:
/// - A server that ignores conditional headers lets two runs starting within the same few
///   milliseconds both write a lease and, reading back before the other's write lands, both
///   start. The read before each renewal then finds the other's lease and stops one of them,
///   after at most a renewal interval: enough for both to have uploaded files of the same day,
///   never for a partial object (uploads appear whole), but the day's manifest is the last
///   writer's and the other's files may be deleted or left unlisted until the next run.
/// - A run that cannot renew (server unreachable, process paused) past `LeaseRenewal.deadline`
///   stops, and its writes check the lease first; a write already in flight when the lease
///   expires can still land after another run took over.
actor S3PipelineLease {
    let client: S3Client
    let bucket: String
    let key: String
    let pipelineName: String
    let lease: PipelineLease
    let renewal: LeaseRenewal
    let logger: Logger
    private var lastRenewal = ContinuousClock.now
    /// Set once the lease is lost; every later write refuses with it.
    private(set) var lost: ETLError?

    init(client: S3Client, bucket: String, prefix: String, pipelineName: String, runID: String, ttl: Duration, logger: Logger) {
        self.client = client
        self.bucket = bucket
        key = "\(prefix)_wolkvox/state/\(pipelineName).lease"
        self.pipelineName = pipelineName
        renewal = LeaseRenewal(ttl: ttl)
        lease = PipelineLease(
            owner: runID + "-" + String(UInt64.random(in: 0 ... .max), radix: 36), runID: runID,
            host: ProcessInfo.processInfo.hostName, pid: ProcessInfo.processInfo.processIdentifier,
            ttlSeconds: max(1, Int(ttl.components.seconds)), acquiredAt: RunID.iso(Date()))
        self.logger = logger
    }

    var location: String { "s3://\(bucket)/\(key)" }

    /// Takes the pipeline, or fails at once when another live run holds it.
    /// - Throws: `ETLError(.state)` naming the run that holds it and until when; `S3Error`.
    func acquire() async throws {
        // A lost race means another run wrote in between: read again and decide again.
        for _ in 0..<3 {
            let condition: S3WriteCondition
            switch LeaseVerdict.decide(found: try await read(), owner: lease.owner) {
            case .held(let holder, let until):
                throw ETLError(.state, """
                    another run of pipeline '\(pipelineName)' is still going (run \(holder.runID) on \(holder.host), pid \(holder.pid), \
                    holds \(location) until \(RunID.iso(until))); wait for it, or, if it was killed, run again after that time to resume
                    """)
            case .mine:
                return
            case .create:
                condition = .absent
            case .takeOver(let expired):
                let holder = expired.lease.map { "run \($0.runID) on \($0.host)" } ?? "an unreadable lease"
                logger.warning("taking over \(location): \(holder) stopped renewing it at \(RunID.iso(expired.lastModified))")
                condition = .matches(eTag: expired.eTag)
            }
            do {
                _ = try await client.putObject(
                    bucket: bucket, key: key, bytes: try lease.encoded(), contentType: "application/json", condition: condition)
            } catch let error as S3Error where error.code == .preconditionFailed {
                continue
            }
            // Read back: on a server that ignores conditions the last writer holds it.
            if case .mine = LeaseVerdict.decide(found: try await read(), owner: lease.owner) {
                lastRenewal = .now
                return
            }
        }
        throw ETLError(.state, "could not take \(location): other runs of pipeline '\(pipelineName)' keep writing it; run again later")
    }

    /// Renews the lease until cancelled (the run ended).
    /// - Throws: `ETLError(.state)` once the lease is lost (another run took it over, or it
    ///   could not be renewed before it expired); `CancellationError` when the run ended.
    func keepRenewed() async throws {
        while true {
            switch renewal.next(sinceLastRenewal: ContinuousClock.now - lastRenewal) {
            case .lost:
                throw markLost("it could not be renewed for \(renewal.deadline) and may have expired")
            case .renew(let pause):
                try await Task.sleep(for: pause)
            }
            do {
                let found = try await read()
                guard case .mine(let current) = LeaseVerdict.decide(found: found, owner: lease.owner) else {
                    let holder = found?.lease.map { "run \($0.runID) on \($0.host)" } ?? "nobody"
                    throw markLost("\(holder) holds it now")
                }
                _ = try await client.putObject(
                    bucket: bucket, key: key, bytes: try lease.encoded(), contentType: "application/json",
                    condition: .matches(eTag: current.eTag))
                lastRenewal = .now
            } catch let error as S3Error where error.code == .preconditionFailed {
                throw markLost("another run replaced it")
            } catch let error as S3Error {
                logger.warning("could not renew \(location), trying again: \(error.message)")
            }
        }
    }

    /// - Throws: the reason the lease was lost, so a write after it does not land.
    func checkHeld() throws {
        if let lost { throw lost }
    }

    /// Deletes the lease if it is still this run's, so the next run need not wait for it to
    /// expire. Best effort: a lease left behind expires.
    func release() async {
        guard lost == nil else { return }
        do {
            guard case .mine = LeaseVerdict.decide(found: try await read(), owner: lease.owner) else { return }
            try await client.deleteObject(bucket: bucket, key: key)
        } catch {
            logger.warning("could not delete \(location); it expires by itself in \(renewal.ttl): \(error)")
        }
    }

    private func read() async throws -> FoundLease? {
        guard let content = try await client.getObjectWithMetadata(bucket: bucket, key: key, maxBytes: 1 << 16) else { return nil }
        return FoundLease(
            lease: try? JSONDecoder().decode(PipelineLease.self, from: Data(content.bytes)), eTag: content.eTag,
            lastModified: content.lastModified, serverNow: content.serverDate)
    }

    private func markLost(_ reason: String) -> ETLError {
        let error = ETLError(.state, """
            run \(lease.runID) lost its lease on pipeline '\(pipelineName)' (\(location)): \(reason); it stopped writing, \
            and the days it landed stay; run again to resume
            """)
        lost = error
        return error
    }
}
