/// A precondition on a PUT, so that two writers of one key cannot both win: the server
/// answers 412 (`S3Error.Code.preconditionFailed`) and stores nothing when it does not hold.
///
/// AWS S3 (since 2024), MinIO and Ceph's RADOS Gateway honour both. A server that does not
/// ignores the header and writes anyway, so callers that depend on it read back what they wrote.
package enum S3WriteCondition: Sendable, Hashable {
    /// `If-None-Match: *`: only if there is no such object yet.
    case absent
    /// `If-Match: ETAG`: only if the object is still the one with this ETag.
    case matches(eTag: String)

    var header: SignableRequest.Header {
        switch self {
        case .absent: .init("If-None-Match", "*")
        // Bare, not quoted: Ceph 16 compares the header's text with its unquoted ETag and
        // refuses a quoted one (tried: 412 for the right ETag in quotes, 200 without).
        case .matches(let eTag): .init("If-Match", eTag)
        }
    }
}
