/// What one successful request brought.
public struct FetchResult: Sendable, Hashable {
    /// Records delivered to `onRecord`. A count equal to the API's cap (60,000) may mean the
    /// API truncated the answer silently: split the window and ask again.
    public var records: Int
    /// The response's envelope; nil when the answer had no JSON body worth reading.
    public var envelope: ResponseEnvelope?
    /// The HTTP status (404 for "no records for these dates").
    public var httpStatus: Int
    /// Body bytes received.
    public var bytes: Int
    /// The request URL, which never contains the token.
    public var url: String

    public init(records: Int, envelope: ResponseEnvelope?, httpStatus: Int, bytes: Int, url: String) {
        self.records = records
        self.envelope = envelope
        self.httpStatus = httpStatus
        self.bytes = bytes
        self.url = url
    }
}
