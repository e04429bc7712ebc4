import Foundation

/// The bucket's stand-in for `PipelineLock`: an object naming the run that holds a pipeline,
/// kept alive by the run rewriting it, and free for another run once it has not been
/// rewritten for `ttlSeconds` (a killed run cannot delete it).
///
/// Its age is read by the server's clock (the object's `Last-Modified` against the `Date` of
/// the answer that carried it), so machines whose clocks disagree still agree on expiry.
struct PipelineLease: Codable, Sendable, Hashable {
    /// Unique per run; the run id with a random suffix, so even two runs started in the same
    /// second tell their leases apart.
    var owner: String
    var runID: String
    var host: String
    var pid: Int32
    /// How long the lease lives without a renewal.
    var ttlSeconds: Int
    var acquiredAt: String

    enum CodingKeys: String, CodingKey {
        case owner
        case runID = "run_id"
        case host, pid
        case ttlSeconds = "ttl_seconds"
        case acquiredAt = "acquired_at"
    }

    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return Array(try encoder.encode(self))
    }
}

/// A lease object as read from the bucket.
struct FoundLease: Sendable, Hashable {
    /// Nil when the object is not a lease this tool wrote (unreadable JSON).
    var lease: PipelineLease?
    var eTag: String
    /// When it was last written, by the server's clock.
    var lastModified: Date
    /// The server's clock when it was read.
    var serverNow: Date

    /// When it stops holding the pipeline, by the server's clock. An unreadable object is
    /// treated as already expired: no run of this tool wrote it, so it guards nothing.
    var expiresAt: Date {
        guard let lease else { return lastModified }
        return lastModified.addingTimeInterval(TimeInterval(lease.ttlSeconds))
    }
}

/// What a run may do about the pipeline's lease: the decision, apart from the requests that
/// carry it out (`S3PipelineLease`).
enum LeaseVerdict: Sendable, Hashable {
    /// No lease: create one, on condition that there still is none.
    case create
    /// A lease whose holder stopped renewing it: replace it, on condition that it is still
    /// that object (its ETag), so of two runs taking it over only one wins.
    case takeOver(expired: FoundLease)
    /// This run's own lease.
    case mine(FoundLease)
    /// Another run holds the pipeline until `until` (server clock).
    case held(by: PipelineLease, until: Date)

    static func decide(found: FoundLease?, owner: String) -> LeaseVerdict {
        guard let found else { return .create }
        if let lease = found.lease, lease.owner == owner { return .mine(found) }
        guard let lease = found.lease, found.serverNow < found.expiresAt else { return .takeOver(expired: found) }
        return .held(by: lease, until: found.expiresAt)
    }
}

/// When a holding run renews its lease, and when it must give up: a lease not renewed in
/// time may already be another run's.
struct LeaseRenewal: Sendable, Hashable {
    var ttl: Duration

    /// A third of the lifetime: two renewals can fail (a slow or briefly unreachable server)
    /// before the lease is at risk.
    var interval: Duration { ttl / 3 }

    /// Past this since the last renewal the server succeeded, the run must stop writing: an
    /// eighth of the lifetime is left as margin for the request in flight and clock rates.
    var deadline: Duration { ttl - ttl / 8 }

    enum Step: Sendable, Hashable {
        /// Wait this long, then renew.
        case renew(after: Duration)
        /// The lease may have expired: stop.
        case lost
    }

    /// The next step, `elapsed` after the last renewal that succeeded.
    func next(sinceLastRenewal elapsed: Duration) -> Step {
        guard elapsed < deadline else { return .lost }
        if elapsed < interval { return .renew(after: interval - elapsed) }
        // Overdue, so an attempt failed: try again soon, and once more before the deadline.
        return .renew(after: min(interval / 4, deadline - elapsed))
    }
}
