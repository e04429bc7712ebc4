/// Why a request to the Wolkvox API did not bring records, and whether trying again may help.
///
/// Printed as `kind: message (HTTP 403, URL) cause`. The URL never contains the token.
public struct WolkvoxAPIError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// 401, or 403 `PLEASE VALIDATE TOKEN`: stop, the token is wrong (exit 4).
        case tokenRefused
        /// 403 `TOKEN LIMIT EXCEEDED`: the daily quota is spent; resume tomorrow (exit 3).
        case quotaExceeded
        /// 403 `EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN`: back off and retry.
        case tokenBusy
        /// Another 403, as during maintenance: retry later.
        case maintenance
        /// 400 (unknown report, missing parameters) or an unexpected 4xx: a pipeline error.
        case badRequest
        /// 5xx or an HTML page instead of JSON.
        case server
        /// The connection failed, was reset or closed early.
        case transport
        /// No complete answer within the request timeout.
        case timeout
        /// The API stopped the query at its execution time limit (PHP's "Maximum execution time",
        /// with 200 or 5xx): the window holds too many rows to answer in one call. Retrying the
        /// same window may fail the same way; a narrower one answers sooner.
        case serverTimeLimit
        /// A 200 whose JSON is malformed or truncated.
        case malformedResponse

        /// Whether the same request may succeed later.
        public var isRetryable: Bool {
            switch self {
            case .tokenRefused, .quotaExceeded, .badRequest: false
            case .tokenBusy, .maintenance, .server, .transport, .timeout, .serverTimeLimit, .malformedResponse: true
            }
        }
    }

    public var kind: Kind
    /// What happened and what to do, for a person.
    public var message: String
    /// The request URL, without the token.
    public var url: String
    /// The HTTP status, when an answer arrived.
    public var httpStatus: Int?
    /// How long the server asked to wait (`Retry-After`), if it said.
    public var retryAfter: Duration?
    /// The underlying error (transport, parser), if any.
    public var cause: (any Error)?

    public init(
        kind: Kind, message: String, url: String, httpStatus: Int? = nil, retryAfter: Duration? = nil,
        cause: (any Error)? = nil
    ) {
        self.kind = kind
        self.message = message
        self.url = url
        self.httpStatus = httpStatus
        self.retryAfter = retryAfter
        self.cause = cause
    }

    public var isRetryable: Bool { kind.isRetryable }

    public var description: String {
        var text = "\(kind.rawValue): \(message) ("
        if let httpStatus { text += "HTTP \(httpStatus), " }
        text += url + ")"
        if let cause { text += " \(cause)" }
        return text
    }
}
